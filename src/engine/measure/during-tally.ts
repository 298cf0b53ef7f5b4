import type { Sample } from '../../result/sample.js';
import { ranWithin, type TimeWindow } from './series.js';

/**
 * A `during` probe's samples counted instead of kept: how many ran entirely while a fault was in
 * place, how many of those broke the probe's expectation, the first that did, and the same counts
 * per window of `perMs` from t0 (window k holds samples that started in [t0 + k·per, t0 + (k+1)·per)).
 * A long drill folds its older samples into one; the maths is the same as over the samples.
 */
export interface DuringTally {
  inFault: number;
  violations: number;
  first?: { startedAt: number; detail?: string };
  perWindow: Map<number, WindowCount>;
}

export interface WindowCount {
  inFault: number;
  violations: number;
}

export function emptyDuringTally(): DuringTally {
  return { inFault: 0, violations: 0, perWindow: new Map() };
}

export interface TallyContext {
  expect: 'pass' | 'fail';
  faultWindows: readonly TimeWindow[];
  t0?: number | undefined;
  perMs?: number | undefined;
}

/** Counts one sample into the tally (nothing when it did not run entirely inside a fault window). */
export function countDuring(tally: DuringTally, sample: Sample, c: TallyContext): void {
  if (!ranWithin(sample, c.faultWindows)) return;
  const violated = sample.ok !== (c.expect === 'pass');
  tally.inFault++;
  if (violated) {
    tally.violations++;
    if (!tally.first || sample.startedAt < tally.first.startedAt)
      tally.first = {
        startedAt: sample.startedAt,
        ...(sample.detail !== undefined && { detail: sample.detail }),
      };
  }
  if (c.perMs === undefined || c.t0 === undefined) return;
  const k = Math.floor((sample.startedAt - c.t0) / c.perMs);
  const window = tally.perWindow.get(k) ?? { inFault: 0, violations: 0 };
  window.inFault++;
  if (violated) window.violations++;
  tally.perWindow.set(k, window);
}

/** The sum of two tallies (folded samples and the ones still kept). */
export function mergeDuring(a: DuringTally, b: DuringTally): DuringTally {
  const perWindow = new Map(a.perWindow);
  for (const [k, w] of b.perWindow) {
    const mine = perWindow.get(k);
    perWindow.set(k, {
      inFault: (mine?.inFault ?? 0) + w.inFault,
      violations: (mine?.violations ?? 0) + w.violations,
    });
  }
  const first = [a.first, b.first]
    .filter((f) => f !== undefined)
    .sort((x, y) => x.startedAt - y.startedAt)[0];
  return {
    inFault: a.inFault + b.inFault,
    violations: a.violations + b.violations,
    ...(first && { first }),
    perWindow,
  };
}
