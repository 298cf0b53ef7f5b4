import { writeFileSafely } from '../common/safe-write.js';
import { join } from 'node:path';
import { renderIndexHtml } from './html/render-index.js';
import { flagRegressions, regressionRule, type Regression } from './regression.js';
import { runRecord, type RunRecord } from './run-record.js';
import { scanRuns, type FoundRun, type SkippedDir } from './scan-runs.js';
import { ScenarioError, errorMessage } from '../common/errors.js';
import type { StatusReport } from '../status/status-report.js';
import { statusOfRuns, tablesOfRuns } from '../status/status-sources.js';
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
  /** The recovery tables (`firedrill status`) of the objectives tables the runs' drills name. */
  status?: StatusReport;
  /** Why the recovery tables could not be made (a table that no longer loads). */
  statusError?: string;
}

/** The period the index's recovery tables read, as `firedrill status` does by default. */
export const indexStatusSince = { ms: 90 * 86_400_000, text: '90d' };

/**
 * Reads every run under `reportsDir` and computes trends, regression flags and the recovery tables
 * of the objectives tables its drills name (those that exist here, relative to the working directory).
 */
export async function buildIndex(reportsDir: string, generatedAt: Date): Promise<HistoryIndex> {
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
    ...(await indexStatus(runs, generatedAt)),
  };
}

async function indexStatus(
  runs: readonly FoundRun[],
  now: Date,
): Promise<Pick<HistoryIndex, 'status' | 'statusError'>> {
  const tableFiles = tablesOfRuns(runs);
  if (tableFiles.length === 0) return {};
  try {
    const options = { tableFiles, now, sinceMs: indexStatusSince.ms, sinceText: indexStatusSince.text };
    return { status: await statusOfRuns(runs, options) };
  } catch (error) {
    // A table or schedule edited into an invalid state must not cost the history its page.
    if (!(error instanceof ScenarioError)) throw error;
    return { statusError: errorMessage(error) };
  }
}

/** Writes index.json and index.html into `reportsDir`; returns their paths. */
export function writeIndex(reportsDir: string, index: HistoryIndex): { json: string; html: string } {
  const json = join(reportsDir, 'index.json');
  const html = join(reportsDir, 'index.html');
  writeFileSafely(json, `${JSON.stringify(index, null, 2)}\n`);
  writeFileSafely(html, renderIndexHtml(index));
  return { json, html };
}
