import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { scanRuns, type FoundRun, type SkippedDir } from '../history/scan-runs.js';
import { loadSchedule, type LoadedSchedule } from '../schedule/load-schedule.js';
import { loadObjectivesTable } from '../scenario/load-objectives.js';
import { buildStatus, type StatusTable } from './build-status.js';
import type { StatusReport } from './status-report.js';
import { runClassRef } from './run-class.js';
import { tierLookup } from './tier-period.js';

export interface StatusOptions {
  tableFiles: readonly string[];
  /** Schedule files; none given: the `schedule.yaml` nearest each table (see nearestSchedule). */
  scheduleFiles?: readonly string[];
  now: Date;
  sinceMs: number;
  sinceText: string;
}

/** Reads the tables, schedules and run history from disk and builds the status tables. */
export async function readStatus(
  options: StatusOptions & { reportsDir: string },
): Promise<{ report: StatusReport; skipped: SkippedDir[] }> {
  const { runs, skipped } = scanRuns(options.reportsDir);
  return { report: await statusOfRuns(runs, options), skipped };
}

/** The status tables of the given runs (read by scanRuns). */
export async function statusOfRuns(runs: readonly FoundRun[], options: StatusOptions): Promise<StatusReport> {
  const tables: StatusTable[] = [];
  for (const file of options.tableFiles)
    tables.push({ file, path: resolve(file), table: await loadObjectivesTable(file) });
  const scheduleFiles = options.scheduleFiles ?? [
    ...new Set(tables.flatMap((t) => nearestSchedule(dirname(t.path)) ?? [])),
  ];
  const schedules: LoadedSchedule[] = [];
  for (const file of scheduleFiles) schedules.push(await loadSchedule(file));
  return buildStatus({
    tables,
    runs,
    now: options.now,
    sinceMs: options.sinceMs,
    sinceText: options.sinceText,
    tierOf: await tierLookup(schedules, options.now),
  });
}

/**
 * The objectives tables the runs' drills name that exist here, relative to the working directory
 * when inside it: the tables the history index shows.
 */
export function tablesOfRuns(runs: readonly FoundRun[], cwd = process.cwd()): string[] {
  const files = new Set<string>();
  for (const run of runs) {
    const ref = runClassRef(run.result);
    const file = ref && resolve(cwd, ref.tablePath);
    if (file && existsSync(file)) files.add(file);
  }
  return [...files].sort().map((file) => {
    const rel = relative(cwd, file);
    return rel && !rel.startsWith('..') ? rel : file;
  });
}

/**
 * The `schedule.yaml` in a table's directory or the nearest parent up to the working directory
 * (scenarios/etcd/objectives.yaml finds scenarios/schedule.yaml); outside the working directory,
 * only the table's own directory is looked in.
 */
export function nearestSchedule(dir: string, cwd = process.cwd()): string | undefined {
  const inside = (d: string): boolean => !relative(cwd, d).startsWith('..');
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, 'schedule.yaml');
    if (existsSync(candidate)) return candidate;
    if (!inside(d) || d === cwd || dirname(d) === d) return undefined;
  }
}
