import { percentileOfSorted } from '../engine/measure/index.js';
import type { ObjectiveSample, PeriodFigures, TimeSummary } from './status-report.js';

/** A value that may have exceeded its timeout: then only a lower bound of it is known. */
interface Bounded {
  value: number;
  exceeded: boolean;
}

/** A figure and whether it is only a lower bound of the true one. */
export interface RankedFigure {
  value: number;
  atLeast: boolean;
}

/** Ascending; among equal values an exceeded one (whose true value is larger) comes last. */
function ascending(values: readonly Bounded[]): Bounded[] {
  return [...values].sort((a, b) => a.value - b.value || Number(a.exceeded) - Number(b.exceeded));
}

/**
 * The nearest-rank percentile (an observed value, never an interpolation: p100 is the max), as the
 * history and repeat summaries take it. Exceeded values count at their timeout, below their true
 * value, so the true percentile can only be higher; it is exactly the shown one unless an exceeded
 * value sits at or below its rank (its true value could then move past it): only then is the
 * figure a lower bound.
 */
export function rankedPercentile(sorted: readonly Bounded[], p: number): RankedFigure {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return {
    value: percentileOfSorted(
      sorted.map((s) => s.value),
      p,
    ),
    atLeast: sorted.slice(0, rank).some((s) => s.exceeded),
  };
}

/** The period's figures in the objective's bad direction; null when nothing was measured. */
export function periodFigures(
  samples: readonly ObjectiveSample[],
  comparison: '<=' | '>=',
): PeriodFigures | null {
  const measured = samples.filter((s): s is ObjectiveSample & { value: number } => s.value !== null);
  if (measured.length === 0) return null;
  const sorted = ascending(measured);
  const atMost = comparison === '<=';
  const p50 = rankedPercentile(sorted, 50);
  const tail = rankedPercentile(sorted, atMost ? 95 : 5);
  const worst = rankedPercentile(sorted, atMost ? 100 : 0);
  return {
    n: sorted.length,
    runs: new Set(measured.map((s) => s.run.dir)).size,
    p50: p50.value,
    tail: tail.value,
    worst: worst.value,
    atLeast: { p50: p50.atLeast, tail: tail.atLeast, worst: worst.atLeast },
  };
}

/** Mean, p50, p95, p99 and max of times; an exceeded time counts as its timeout (a lower bound). */
export function timeSummary(values: ReadonlyArray<{ ms: number; exceeded: boolean }>): TimeSummary | null {
  if (values.length === 0) return null;
  const sorted = ascending(values.map((v) => ({ value: v.ms, exceeded: v.exceeded })));
  const [p50, p95, p99, max] = [50, 95, 99, 100].map((p) => rankedPercentile(sorted, p)) as [
    RankedFigure,
    RankedFigure,
    RankedFigure,
    RankedFigure,
  ];
  const exceeded = values.filter((v) => v.exceeded).length;
  return {
    n: sorted.length,
    mean: sorted.reduce((sum, v) => sum + v.value, 0) / sorted.length,
    p50: p50.value,
    p95: p95.value,
    p99: p99.value,
    max: max.value,
    exceeded,
    atLeast: { mean: exceeded > 0, p50: p50.atLeast, p95: p95.atLeast, p99: p99.atLeast, max: max.atLeast },
  };
}
