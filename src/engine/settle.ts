import { z } from 'zod';
import type { Clock } from '../common/clock.js';
import { duration, formatDuration } from '../common/duration.js';
import { errorMessage } from '../common/errors.js';
import { execProbe } from '../probes/exec.js';
import { httpProbe } from '../probes/http.js';
import { jsonPath } from '../probes/json-path.js';
import type { Probe, ProbeContext } from '../probes/probe.js';
import { regex, templatedUrl } from '../probes/probe-fields.js';
import type { StartedTarget } from '../targets/target.js';
import type { ProbeSet } from './probe-set.js';

/**
 * `settle`: between `repeat` iterations, what "the system is whole again" means beyond every node
 * running and every steady probe passing: one more check (the cluster has a leader, every member
 * caught up), and how long to wait for all of it.
 */
export const settleSchema = z
  .strictObject({
    timeout: duration
      .prefault('60s')
      .meta({ description: 'Longest wait for the system to be whole again (default 60s).' }),
    http: templatedUrl.optional().meta({ description: 'A URL that answers 2xx once the system is whole.' }),
    json_path: jsonPath.optional().meta({ description: 'With http: a value of the JSON answer to compare.' }),
    equals: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .meta({ description: 'The value at json_path once the system is whole.' }),
    exec: z
      .union([z.string().min(1), z.array(z.string()).min(1)])
      .optional()
      .meta({
        description: 'Or a command (on the host, or in `node`) that exits 0 once the system is whole.',
      }),
    node: z.string().min(1).optional().meta({ description: 'With exec: run it in this node.' }),
    stdout_matches: regex.optional().meta({ description: 'With exec: its output must match this.' }),
  })
  .superRefine((settle, ctx) => {
    if (settle.http !== undefined && settle.exec !== undefined)
      ctx.addIssue({ code: 'custom', message: 'give http or exec, not both' });
    const needs = (
      field: 'json_path' | 'equals' | 'stdout_matches' | 'node',
      with_: 'http' | 'exec',
    ): void => {
      if (settle[field] !== undefined && settle[with_] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} goes with ${with_}` });
    };
    needs('json_path', 'http');
    needs('equals', 'http');
    needs('stdout_matches', 'exec');
    needs('node', 'exec');
    if (settle.equals !== undefined && settle.json_path === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['equals'],
        message: 'equals needs json_path: which value to compare',
      });
  });

export type SettleConfig = z.output<typeof settleSchema>;

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
