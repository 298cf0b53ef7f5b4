import { writeFileSafely } from '../common/safe-write.js';
import { join } from 'node:path';
import { renderIndexHtml } from './html/render-index.js';
import { flagRegressions, regressionRule, type Regression } from './regression.js';
import { runRecord, type RunRecord } from './run-record.js';
import { scanRuns, type SkippedDir } from './scan-runs.js';
import { scenarioTrend, type ScenarioTrend } from './trends.js';

/** `reports/index.json`. */
export interface HistoryIndex {
  schema: 'firedrill.index/v1';
  generatedAt: string;
  regressionRule: typeof regressionRule;
  scenarios: ScenarioTrend[];
  /** Every run, oldest first. */
  runs: RunRecord[];
  regressions: Regression[];
  skipped: SkippedDir[];
}

/** Reads every run under `reportsDir` and computes trends and regression flags. */
export function buildIndex(reportsDir: string, generatedAt: Date): HistoryIndex {
  const { runs, skipped } = scanRuns(reportsDir);
  const records = runs
    .map((run) => runRecord(run.result, run.dir, run.hasReport ? `${run.dir}/report.html` : undefined))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.dir.localeCompare(b.dir));
  const byScenario = new Map<string, RunRecord[]>();
  for (const record of records)
    byScenario.set(record.scenario, [...(byScenario.get(record.scenario) ?? []), record]);
  const regressions = [...byScenario.values()].flatMap((history) => flagRegressions(history));
  return {
    schema: 'firedrill.index/v1',
    generatedAt: generatedAt.toISOString(),
    regressionRule,
    scenarios: [...byScenario.values()]
      .map(scenarioTrend)
      .sort((a, b) => a.scenario.localeCompare(b.scenario)),
    runs: records,
    regressions,
    skipped,
  };
}

/** Writes index.json and index.html into `reportsDir`; returns their paths. */
export function writeIndex(reportsDir: string, index: HistoryIndex): { json: string; html: string } {
  const json = join(reportsDir, 'index.json');
  const html = join(reportsDir, 'index.html');
  writeFileSafely(json, `${JSON.stringify(index, null, 2)}\n`);
  writeFileSafely(html, renderIndexHtml(index));
  return { json, html };
}
