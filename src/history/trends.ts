import { distribution, type Distribution } from '../engine/measure/index.js';
import type { Verdict } from '../result/index.js';
import { measuredFully, metricKeys, type MetricKey, type RunRecord } from './run-record.js';

/** Runs in the rolling pass rate of the trend chart. */
export const passRateWindow = 5;

/** One scenario's history in numbers. */
export interface ScenarioTrend {
  scenario: string;
  runs: number;
  passed: number;
  /** passed / runs. */
  passRate: number;
  latest: { runId: string; startedAt: string; verdict: Verdict };
  /**
   * Measured values over the runs that completed (aborted and error runs are left out); runs that
   * exceeded a timeout are counted in `exceeded`.
   */
  metrics: Record<MetricKey, { measured: Distribution | null; exceeded: number }>;
  regressions: number;
}

/** `history`: one scenario's runs, oldest first. */
export function scenarioTrend(history: readonly RunRecord[]): ScenarioTrend {
  const latest = history.at(-1) as RunRecord;
  const passed = history.filter((r) => r.verdict === 'passed').length;
  const metrics = Object.fromEntries(
    metricKeys.map((key) => {
      const values = history.filter(measuredFully).map((r) => r.metrics[key]);
      return [
        key,
        {
          measured: distribution(values.flatMap((v) => (v.status === 'measured' ? [v.value] : []))),
          exceeded: values.filter((v) => v.status === 'exceeded').length,
        },
      ];
    }),
  ) as ScenarioTrend['metrics'];
  return {
    scenario: latest.scenario,
    runs: history.length,
    passed,
    passRate: passed / history.length,
    latest: { runId: latest.runId, startedAt: latest.startedAt, verdict: latest.verdict },
    metrics,
    regressions: history.reduce((n, r) => n + r.regressions.length, 0),
  };
}

/** Pass rate over each run and the runs before it, at most `passRateWindow` of them. */
export function rollingPassRate(history: readonly RunRecord[]): number[] {
  return history.map((_, i) => {
    const window = history.slice(Math.max(0, i - passRateWindow + 1), i + 1);
    return window.filter((r) => r.verdict === 'passed').length / window.length;
  });
}
