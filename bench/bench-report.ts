/** One printed figure of a benchmark, with its target when an issue names one. */
export interface BenchRow {
  label: string;
  value: string;
  target?: string;
  met?: boolean;
}

export interface BenchReport {
  rows: BenchRow[];
}

/** Median of a list of numbers (nearest rank). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
