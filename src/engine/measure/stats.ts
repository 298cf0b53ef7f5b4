import type { Distribution, LatencyPercentiles } from '../../result/index.js';

export type { Distribution, LatencyPercentiles };

/**
 * Nearest-rank percentile of values sorted ascending: the smallest value with at least p% of the
 * values at or below it. It always returns an observed value (no interpolation between samples),
 * so p100 is the max and a percentile never claims a latency nobody saw.
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty list');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function sortAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Null when there are no values. */
export function distribution(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  const sorted = sortAscending(values);
  return {
    n: sorted.length,
    min: sorted[0]!,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    max: sorted.at(-1)!,
  };
}

export function latencyPercentiles(values: readonly number[]): LatencyPercentiles | null {
  if (values.length === 0) return null;
  const sorted = sortAscending(values);
  return {
    n: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
  };
}
