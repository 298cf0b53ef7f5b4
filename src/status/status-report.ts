import type { ObjectiveKey } from '../result/index.js';

/** The status of one objective of one class, from best to worst reading. */
export const rowStatuses = ['validated', 'claim-broken', 'stale', 'failed', 'untested'] as const;
export type RowStatus = (typeof rowStatuses)[number];

/** A run a row points at: its directory (relative to the reports directory) and report. */
export interface RunLink {
  runId: string;
  scenario: string;
  dir: string;
  startedAt: string;
  /** report.html relative to the reports directory, when the run has one. */
  report?: string;
}

/** One measured value of an objective: a run (or one iteration of a `repeat` run). */
export interface ObjectiveSample {
  /** Null: not measured. */
  value: number | null;
  /** The real value is above `value` (not detected / not recovered within the timeout). */
  exceeded: boolean;
  run: RunLink;
}

/** Values of the period in the objective's bad direction: p95 and max for `<=`, p5 and min for `>=`. */
export interface PeriodFigures {
  /** Measured values (runs, or iterations of `repeat` runs) in the period. */
  n: number;
  /** Runs in the period that measured the objective. */
  runs: number;
  p50: number;
  /** The 95th percentile of the bad tail (p95 for "at most" objectives, p5 for "at least"). */
  tail: number;
  /** The worst value (max, or min for "at least"). */
  worst: number;
  /** Per figure: a value that exceeded its timeout may lie past it, so it is only a lower bound. */
  atLeast: { p50: boolean; tail: boolean; worst: boolean };
}

/** One row of the RTO or RPO table: one objective of one class. */
export interface StatusRow {
  /** The objectives file, as given. */
  table: string;
  class: string;
  /** The display name (`name:`), else the class name. */
  name: string;
  /** Data classes: the data they protect. */
  protects?: string;
  objective: ObjectiveKey;
  unit: 'ms' | 'count' | 'fraction';
  comparison: '<=' | '>=';
  target: number;
  claim?: number;
  /** The tier whose period decides staleness, and that period. */
  tier?: { name: string; periodMs: number };
  last?: ObjectiveSample;
  period?: PeriodFigures;
  status: RowStatus;
  /** Every status that applies (a row can be failed and stale): what `--fail-on` checks. */
  conditions: RowStatus[];
  /** The latest run in the judged span that missed the target. */
  failedRun?: RunLink;
  /** Why the row has its status, in words. */
  reason: string;
}

/** Mean and percentiles of a time over the period; exceeded values enter as their lower bound. */
export interface TimeSummary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Values that exceeded their timeout (counted at the timeout). */
  exceeded: number;
  /** Per figure: whether it is only a lower bound (an exceeded value may lie past it). */
  atLeast: { mean: boolean; p50: boolean; p95: boolean; p99: boolean; max: boolean };
}

/** TTD and TTR of one class over the period (aborted and error runs left out). */
export interface MttrRow {
  table: string;
  class: string;
  name: string;
  runs: number;
  ttd: TimeSummary | null;
  ttr: TimeSummary | null;
}

/** What `firedrill status` computes: index.json carries it as `status`. */
export interface StatusReport {
  schema: 'firedrill.status/v1';
  generatedAt: string;
  /** The period: runs started at or after `from`. */
  since: { ms: number; from: string; text: string };
  tables: string[];
  rto: StatusRow[];
  rpo: StatusRow[];
  mttr: MttrRow[];
}
