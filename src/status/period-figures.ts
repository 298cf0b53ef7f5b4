import type { ObjectiveSample, PeriodFigures, TimeSummary } from './status-report.js';

/**
 * Nearest-rank percentile (as the history and repeat summaries use): an observed value, never an
 * interpolation, so p100 is the max.
 */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** The period's figures in the objective's bad direction; null when nothing was measured. */
export function periodFigures(
  samples: readonly ObjectiveSample[],
  comparison: '<=' | '>=',
): PeriodFigures | null {
  const measured = samples.filter((s): s is ObjectiveSample & { value: number } => s.value !== null);
  if (measured.length === 0) return null;
  const sorted = ascending(measured.map((s) => s.value));
  const atMost = comparison === '<=';
  return {
    n: sorted.length,
    runs: new Set(measured.map((s) => s.run.dir)).size,
    p50: percentile(sorted, 50),
    tail: atMost ? percentile(sorted, 95) : percentile(sorted, 5),
    worst: atMost ? sorted.at(-1)! : sorted[0]!,
    lowerBound: measured.some((s) => s.exceeded),
  };
}

/** Mean, p50, p95, p99 and max of times; an exceeded time counts as its timeout (a lower bound). */
export function timeSummary(values: ReadonlyArray<{ ms: number; exceeded: boolean }>): TimeSummary | null {
  if (values.length === 0) return null;
  const sorted = ascending(values.map((v) => v.ms));
  return {
    n: sorted.length,
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    exceeded: values.filter((v) => v.exceeded).length,
  };
}
