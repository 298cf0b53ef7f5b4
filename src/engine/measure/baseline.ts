import type { SignalPoint, SignalSeries } from './signals.js';

/**
 * The first failure of a rate signal (load, ledger) that belongs to the baseline [from, to]: a
 * request or write sent at or after `from` and seen failing by `to`. The baseline must prove the
 * steady state, so such a failure disproves it as a failing steady probe does. A request or write
 * sent before `from` (e.g. during the previous iteration's fault) is no evidence about this
 * baseline, and one whose outcome is not known by `to` is no evidence yet.
 * Probe series are left to the probe check (it also names a probe that took no sample).
 */
export function baselineRateFailure(
  signals: readonly SignalSeries[],
  from: number,
  to: number,
): SignalPoint | undefined {
  let first: SignalPoint | undefined;
  for (const s of signals) {
    if (s.kind !== 'rate') continue;
    for (const point of s.points) {
      const sent = point.since ?? point.at;
      if (point.ok || sent < from || point.at > to) continue;
      if (!first || sent < (first.since ?? first.at)) first = point;
    }
  }
  return first;
}
