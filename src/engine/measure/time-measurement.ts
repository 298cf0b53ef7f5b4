import type { Resolution, TimeMeasurement } from '../../result/index.js';

export type { Resolution, ResolutionBasis, TimeMeasurement, TimeStatus } from '../../result/index.js';

export function measured(
  ms: number,
  resolution: Resolution,
  extra: { at?: number; signal?: string; note?: string } = {},
): TimeMeasurement {
  return { status: 'measured', ms, resolution, ...extra };
}

export function notMeasured(reason: string): TimeMeasurement {
  return { status: 'not-measured', reason };
}

/** Bounded by the two samples around the event: the last that did not show it, the first that did. */
export function bracketed(before: number, after: number): Resolution {
  return { ms: Math.max(0, after - before), basis: 'bracketing samples' };
}

/**
 * A log line is dated at its arrival at firedrill; the system wrote it at most this long before
 * (a pipe or the Docker log stream delivers within a few ms: 1-10 ms were seen against the
 * systems' own timestamps).
 *
 * Measured (`npm run bench -- log-delivery`: a child prints its own time every 20 ms for 15 s,
 * read through a pipe with readline as a process node's output is): a lighter load gave max
 * 5.9 ms; with the 2 cores at load average ~22 (seven sessions, builds, CPU hogs) p50 0.5 ms,
 * p99 53 ms, max 179 ms, 75 of 414 lines over 10 ms (another run at ~32: p99 7.2 ms, max 90 ms,
 * 4 of 689 over). So on a saturated machine this is NOT a bound: the delay is firedrill's own
 * process waiting for a core. A per-line bound (firedrill's event-loop stall
 * around the arrival) is the fix; until then a figure dated by a log line on a saturated
 * machine may be later than shown by up to that stall.
 */
export const LOG_DELIVERY_BOUND_MS = 10;
