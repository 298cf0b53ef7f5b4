import type { Clock } from '../common/clock.js';
import { formatDuration } from '../common/duration.js';
import { errorMessage } from '../common/errors.js';
import { execProbe } from '../probes/exec.js';
import { httpProbe } from '../probes/http.js';
import type { Probe, ProbeContext } from '../probes/probe.js';
import type { StartedTarget } from '../targets/target.js';
import type { ProbeSet } from './probe-set.js';
import type { SettleConfig } from './settle-schema.js';

/** Whether the system was whole again before the next iteration, and after how long. */
export type SettleOutcome =
  { status: 'settled'; waitedMs: number } | { status: 'unsettled'; waitedMs: number; reason: string };

export interface SettleDeps {
  target: StartedTarget;
  probes: ProbeSet;
  clock: Clock;
  stableFor: number;
  probeContext: ProbeContext;
  signal: AbortSignal;
}

// Each poll may start a process (an exec check): not too often on a busy machine.
const POLL_MS = 500;
/** One settle check may start a process (node, curl): on a busy machine that alone takes seconds. */
const CHECK_TIMEOUT_MS = 10_000;

/**
 * Waits until every node runs, every steady probe passed its last `stableFor` samples (all taken
 * after `since`), and the settle check passes; or until the settle timeout, with what was missing.
 */
export async function waitUntilWhole(
  settle: SettleConfig | undefined,
  since: number,
  deps: SettleDeps,
): Promise<SettleOutcome> {
  const { clock, signal } = deps;
  const timeoutMs = settle?.timeout ?? 60_000;
  const check = settle ? settleProbe(settle, deps.probeContext) : undefined;
  const started = clock.now();
  for (;;) {
    const missing = await whatIsMissing(check, since, deps);
    const waitedMs = clock.now() - started;
    if (missing === undefined) return { status: 'settled', waitedMs };
    if (waitedMs >= timeoutMs) {
      await check?.close?.();
      return { status: 'unsettled', waitedMs, reason: missing };
    }
    await clock.sleep(POLL_MS, signal);
  }
}

/** The first thing keeping the system from being whole, in words; undefined when it is whole. */
async function whatIsMissing(
  check: Probe | undefined,
  since: number,
  deps: SettleDeps,
): Promise<string | undefined> {
  for (const node of deps.target.nodes.values()) {
    const running = await node.isRunning().catch((error: unknown) => {
      throw new Error(`could not ask whether ${node.name} runs: ${errorMessage(error)}`);
    });
    if (!running) return `node ${node.name} is not running`;
  }
  for (const probe of deps.probes.withRole('steady')) {
    const recent = deps.probes.samples.filter((s) => s.probe === probe.name && s.startedAt >= since);
    const last = recent.slice(-deps.stableFor);
    if (last.length < deps.stableFor)
      return `steady probe ${probe.name} has ${last.length} of ${deps.stableFor} samples since the revert`;
    const failed = last.find((s) => !s.ok);
    if (failed) return `steady probe ${probe.name} failed: ${failed.detail ?? 'no detail'}`;
  }
  if (!check) return undefined;
  const outcome = await check.check(deps.signal);
  return outcome.ok ? undefined : `settle check failed: ${outcome.detail ?? 'no detail'}`;
}

function settleProbe(settle: SettleConfig, context: ProbeContext): Probe | undefined {
  const base = { name: 'settle', role: 'steady', timeout: `${CHECK_TIMEOUT_MS}ms` };
  if (settle.http !== undefined)
    return httpProbe.create(
      httpProbe.schema.parse({
        ...base,
        type: 'http',
        url: settle.http,
        ...(settle.json_path !== undefined && { json_path: settle.json_path }),
        ...(settle.equals !== undefined && { json_equals: settle.equals }),
      }),
      context,
    );
  if (settle.exec !== undefined)
    return execProbe.create(
      execProbe.schema.parse({
        ...base,
        type: 'exec',
        command: settle.exec,
        ...(settle.node !== undefined && { node: settle.node }),
        ...(settle.stdout_matches !== undefined && { stdout_matches: settle.stdout_matches }),
      }),
      context,
    );
  return undefined;
}

/** "2.1s" for the journal. */
export function settleWithin(settle: SettleConfig | undefined): string {
  return formatDuration(settle?.timeout ?? 60_000);
}
