import { percentileOfSorted } from '../engine/measure/index.js';
import { measuredFully, metricKeys, type MetricKey, type MetricValue, type RunRecord } from './run-record.js';

/**
 * When a run's measurement is a regression (docs/reports.md): for each metric, the baseline is
 * the measured values of the same scenario's most recent earlier runs (at most `window`) that
 * measured it; with at least `minRuns` of them, the run regressed when its value is above the
 * baseline's nearest-rank p95 by more than its own resolution (a TTR of 2.3s ± 100ms against a
 * p95 of 2.2s is noise, not a regression), or when it exceeded its timeout (not detected, not
 * recovered). Runs that did not measure the metric, and aborted or error runs (cut short, their
 * figures partial), are neither flagged nor part of a baseline.
 */
export const regressionRule = { window: 20, minRuns: 5, percentile: 95 } as const;

export interface Regression {
  scenario: string;
  runId: string;
  dir: string;
  metric: MetricKey;
  value: MetricValue;
  /** p95 of the baseline runs. */
  baselineP95: number;
  baselineRuns: number;
  /** The run's value had to exceed baselineP95 + this to count (its resolution). */
  tolerance: number;
}

/** Flags every run of one scenario (oldest first) against the runs before it; marks `run.regressions`. */
export function flagRegressions(history: readonly RunRecord[]): Regression[] {
  const found: Regression[] = [];
  history.forEach((run, index) => {
    if (!measuredFully(run)) return;
    for (const metric of metricKeys) {
      const baseline = history
        .slice(0, index)
        .filter(measuredFully)
        .flatMap((r) => (r.metrics[metric].status === 'measured' ? [r.metrics[metric].value] : []))
        .slice(-regressionRule.window);
      if (baseline.length < regressionRule.minRuns) continue;
      const p95 = percentileOfSorted(
        [...baseline].sort((a, b) => a - b),
        regressionRule.percentile,
      );
      const value = run.metrics[metric];
      const tolerance = value.status === 'measured' ? value.resolution : 0;
      const worse =
        value.status === 'exceeded' || (value.status === 'measured' && value.value > p95 + tolerance);
      if (!worse) continue;
      run.regressions.push(metric);
      found.push({
        scenario: run.scenario,
        runId: run.runId,
        dir: run.dir,
        metric,
        value,
        baselineP95: p95,
        baselineRuns: baseline.length,
        tolerance,
      });
    }
  });
  return found;
}
