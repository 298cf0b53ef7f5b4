import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { DrillResult } from '../result/index.js';
import { recordOf } from '../scenario/finding.js';

/** The class a run's drill named: `objectives: {table, class}`, the table relative to the drill file. */
export interface RunClassRef {
  /** The table's path as the run saw it (relative paths are relative to where it ran). */
  tablePath: string;
  class: string;
}

export function runClassRef(result: DrillResult): RunClassRef | undefined {
  const from = recordOf(recordOf(result.scenario.config).objectivesFrom);
  if (typeof from.table !== 'string' || typeof from.class !== 'string') return undefined;
  const tablePath = isAbsolute(from.table) ? from.table : join(dirname(result.scenario.file), from.table);
  return { tablePath, class: from.class };
}

/** Fewest trailing path segments two table paths must share to be taken for one file: its directory and name. */
const MIN_SHARED_SEGMENTS = 2;

/**
 * How surely a table path from a run names `tableFile` (absolute): Infinity for the same file
 * (a relative path resolved against the working directory), else the trailing segments they share
 * when at least the directory and file name agree (`etcd/objectives.yaml`), else 0. A history made
 * in another checkout or CI workspace names the same table under another root.
 */
export function matchScore(tablePath: string, tableFile: string, cwd = process.cwd()): number {
  if (resolve(cwd, tablePath) === tableFile) return Infinity;
  const theirs = segments(tablePath);
  const ours = segments(tableFile);
  let shared = 0;
  while (
    shared < theirs.length &&
    shared < ours.length &&
    theirs[theirs.length - 1 - shared] === ours[ours.length - 1 - shared] &&
    theirs[theirs.length - 1 - shared] !== '..'
  )
    shared++;
  return shared >= MIN_SHARED_SEGMENTS ? shared : 0;
}

function segments(path: string): string[] {
  return path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}

/** The index of the table a run counts for (the best match), or undefined. */
export function tableOfRun(
  ref: RunClassRef,
  tableFiles: readonly string[],
  cwd?: string,
): number | undefined {
  let best: number | undefined;
  let bestScore = 0;
  tableFiles.forEach((file, index) => {
    const score = matchScore(ref.tablePath, file, cwd);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}
