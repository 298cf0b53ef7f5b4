import {
  stableRounds,
  windowLast,
  type Recovery,
  type SignalSeries,
  type TimeMeasurement,
} from './measure/index.js';

/**
 * How much later than its timeout a load request's or ledger write's outcome may still arrive
 * (a stalled event loop, k6's buffered output): the recovery watch takes rate observations sent
 * before now − settle − this as all seen.
 */
export const RATE_LATENESS_MS = 5_000;

export interface QuietInput {
  t0: number;
  recovery: Recovery;
  detection: TimeMeasurement;
  signals: readonly SignalSeries[];
  stableFor?: number | undefined;
  roundMs: number;
  /** No observation still to come (sample, request, write) is dated, or began, before this. */
  pendingFrom: number;
}

/**
 * While the steady signals show no impact, what they observed since their first stable window
 * after t0 passed and can no longer matter, up to `pendingFrom`: an impact that still comes is
 * an observation not seen yet, so it is dated at or after `pendingFrom`; its ± reads its signal's
 * previous observation (each signal's last few before the gap stay), and recovery reads only
 * what follows it. The window after t0 stays (it proves "no impact" settled and an interrupted
 * drill reads it), and so does a detection seen meanwhile: the gap starts after it. Returns the
 * stretch (after, before) whose observations need not stay, or undefined.
 */
export function quietStretch(q: QuietInput): { after: number; before: number } | undefined {
  if (q.recovery.status !== 'no-impact') return undefined;
  const stableFor = stableRounds(q.stableFor);
  let after = q.t0;
  if (q.detection.status === 'measured') {
    if (q.detection.at === undefined) return undefined;
    after = Math.max(after, q.detection.at);
  }
  for (const s of q.signals) {
    const last = windowLast(s, q.t0, stableFor, q.roundMs);
    if (last === undefined) return undefined;
    after = Math.max(after, last.at);
  }
  return q.pendingFrom > after ? { after, before: q.pendingFrom } : undefined;
}
