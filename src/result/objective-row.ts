import type { Resolution } from './time-measurement.js';

export const objectiveKeys = [
  'detect',
  'recover',
  'total',
  'rpo',
  'lost_writes',
  'availability',
  'latency_p99',
  'consistent',
] as const;
/** An objective of the RTO/RPO table. */
export type ObjectiveKey = (typeof objectiveKeys)[number];

export type ObjectiveStatus = 'passed' | 'failed' | 'not-measured';

/** One row of the objectives table: "target vs measured". */
export interface ObjectiveRow {
  /** Display name: the objective key, or `during <probe>` for a during probe's row. */
  objective: string;
  kind: ObjectiveKey | 'during';
  /** ms for times, count for lost writes, fraction (0..1) for availability and during rows. */
  unit: 'ms' | 'count' | 'fraction';
  /** How measured compares to target for the row to pass: `<=` (at most) or `>=` (at least). */
  comparison: '<=' | '>=';
  target: number;
  /** Null when not measured. */
  measured: number | null;
  /** The real value is above `measured` (not recovered / not detected in that time): render "> 60s". */
  exceeded?: true;
  status: ObjectiveStatus;
  /** The signal that marked a measured time: for recover/total the last steady signal to hold again. */
  signal?: string;
  /** The real bound of a measured time, and how it was obtained. */
  resolution?: Resolution;
  /** Not measured because the run was interrupted this many ms after t0 (negative: before it). */
  abortedAtMs?: number;
  /** Why it failed or was not measured, in words. */
  reason?: string;
  /** `consistent` rows: the replicas that differ, each with what it held (short value or digest). */
  divergent?: Record<string, string>;
}
