import type { DrillResult, TimeMeasurement, Verdict } from '../result/index.js';

/** The measurements the history follows per run. */
export const metricKeys = ['ttd', 'ttr', 'lostWrites'] as const;
export type MetricKey = (typeof metricKeys)[number];

export type MetricValue =
  /** `resolution`: the figure's own uncertainty (the probe interval; 0 for counts). */
  | { status: 'measured'; value: number; resolution: number }
  /** Not detected / not recovered before its timeout: the value is above `over`. */
  | { status: 'exceeded'; over: number }
  | { status: 'not-measured' };

/** One run as index.json lists it. */
export interface RunRecord {
  scenario: string;
  runId: string;
  /** The run directory, relative to the reports directory (forward slashes). */
  dir: string;
  startedAt: string;
  endedAt: string;
  verdict: Verdict;
  reason?: string;
  metrics: Record<MetricKey, MetricValue>;
  /** report.html relative to the reports directory, when the run has one. */
  report?: string;
  /** Metrics of this run worse than the previous runs' p95 (see regression.ts). */
  regressions: MetricKey[];
}

/**
 * Did the run finish measuring? An aborted or error run was cut short (a signal, an abort probe,
 * the drill timeout, a harness error): its figures are partial, so trends and regressions leave
 * it out (it still counts in the pass rate).
 */
export function measuredFully(run: Pick<RunRecord, 'verdict'>): boolean {
  return run.verdict === 'passed' || run.verdict === 'failed';
}

export function runRecord(result: DrillResult, dir: string, report: string | undefined): RunRecord {
  const m = result.measurements;
  return {
    scenario: result.scenario.name,
    runId: result.runId,
    dir,
    startedAt: result.startedAt,
    endedAt: result.endedAt,
    verdict: result.verdict,
    ...(result.reason !== undefined && { reason: result.reason }),
    metrics: {
      ttd: timeMetric(m?.detect),
      ttr: timeMetric(m?.recover),
      lostWrites:
        m?.data === undefined
          ? { status: 'not-measured' }
          : { status: 'measured', value: m.data.lostWrites, resolution: 0 },
    },
    ...(report !== undefined && { report }),
    regressions: [],
  };
}

function timeMetric(t: TimeMeasurement | undefined): MetricValue {
  if (!t || t.status === 'not-measured') return { status: 'not-measured' };
  if (t.status === 'measured') return { status: 'measured', value: t.ms, resolution: t.resolution.ms };
  return { status: 'exceeded', over: t.exceeds };
}
