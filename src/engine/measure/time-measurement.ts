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
 */
export const LOG_DELIVERY_BOUND_MS = 10;
