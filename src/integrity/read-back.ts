import { setMaxListeners } from 'node:events';
import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import type { LedgerSummary } from '../engine/measure/index.js';
import type { LedgerDriver } from './ledger-driver.js';
import type { LedgerWrite } from './ledger-writer.js';

export type ReadOutcome =
  | { ok: true; present: Set<string>; attempts: number; tookMs: number }
  | { ok: false; error: string; attempts: number; tookMs: number };

/**
 * Reads the ledger back after recovery, retrying while the system still refuses reads (a new
 * primary being promoted), until `timeoutMs`. Only a complete read counts: a partial one would
 * report writes as lost that are not.
 */
export async function readBack(
  driver: LedgerDriver,
  ids: readonly string[],
  options: { clock: Clock; timeoutMs: number; signal: AbortSignal; retryMs?: number; attemptMs?: number },
): Promise<ReadOutcome> {
  const { clock } = options;
  const started = clock.now();
  const deadline = started + options.timeoutMs;
  let attempts = 0;
  let lastError = 'not read';
  while (attempts === 0 || clock.now() < deadline) {
    attempts++;
    const attempt = AbortSignal.any([options.signal, AbortSignal.timeout(options.attemptMs ?? 10_000)]);
    // A driver may read many writes at once, each request listening to the attempt's signal.
    setMaxListeners(0, attempt);
    try {
      const present = new Set(await driver.present(ids, attempt));
      return { ok: true, present, attempts, tookMs: clock.now() - started };
    } catch (error) {
      if (options.signal.aborted) throw error;
      lastError = errorMessage(error);
    }
    const pause = Math.min(options.retryMs ?? 500, deadline - clock.now());
    if (pause > 0) await clock.sleep(pause, options.signal);
  }
  return { ok: false, error: lastError, attempts, tookMs: clock.now() - started };
}

/**
 * Jepsen's set check over some writes: lost = acknowledged and missing; recovered = not
 * acknowledged and present anyway (the system applied a write whose answer never came).
 */
export function summarize(writes: readonly LedgerWrite[], present: ReadonlySet<string>): LedgerSummary {
  const lost: LedgerSummary['lost'] = [];
  let acknowledged = 0;
  let recovered = 0;
  for (const write of writes) {
    if (write.ackedAt !== undefined) {
      acknowledged++;
      if (!present.has(write.id)) lost.push({ id: write.id, ackedAt: write.ackedAt });
    } else if (present.has(write.id)) recovered++;
  }
  return { attempted: writes.length, acknowledged, lost, recovered };
}
