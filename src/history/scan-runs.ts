import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, UsageError } from '../common/errors.js';
import type { DrillResult } from '../result/index.js';
import { readRunResult } from '../reporters/result-file.js';

export interface FoundRun {
  /** Relative to the reports directory, forward slashes: `<scenario>/<timestamp>-<runId>`. */
  dir: string;
  result: DrillResult;
  hasReport: boolean;
}

export interface SkippedDir {
  dir: string;
  reason: string;
}

/**
 * Every run directory under `reports/<scenario>/<run>/`, its result.json read through the full
 * schema (readRunResult); unfinished, unreadable or invalid ones are listed as skipped.
 */
export function scanRuns(reportsDir: string): { runs: FoundRun[]; skipped: SkippedDir[] } {
  if (!existsSync(reportsDir))
    throw new UsageError(`${reportsDir} does not exist`, {
      hint: 'pass the directory `firedrill run --out` wrote to (default: reports)',
    });
  const runs: FoundRun[] = [];
  const skipped: SkippedDir[] = [];
  for (const scenario of subdirectories(reportsDir)) {
    let scenarioRuns: string[];
    try {
      scenarioRuns = subdirectories(join(reportsDir, scenario));
    } catch (error) {
      skipped.push({ dir: scenario, reason: errorMessage(error) });
      continue;
    }
    for (const run of scenarioRuns) {
      const dir = `${scenario}/${run}`;
      const path = join(reportsDir, scenario, run);
      if (!existsSync(join(path, 'result.json'))) {
        // Other folders (assets, a scenario's own notes) are not runs; a journal without a result is.
        if (existsSync(join(path, 'events.ndjson')))
          skipped.push({ dir, reason: 'no result.json: the run did not finish' });
        continue;
      }
      try {
        runs.push({ dir, result: readRunResult(path), hasReport: existsSync(join(path, 'report.html')) });
      } catch (error) {
        skipped.push({ dir, reason: errorMessage(error) });
      }
    }
  }
  return { runs, skipped };
}

function subdirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}
