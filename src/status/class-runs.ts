import type { FoundRun } from '../history/scan-runs.js';
import { measuredFully } from '../history/run-record.js';
import type { ObjectiveKey, ObjectiveRow } from '../result/index.js';
import type { ObjectiveSample, RunLink } from './status-report.js';

/** A run that counts for a class: it finished measuring (passed or failed). */
export interface ClassRun {
  found: FoundRun;
  link: RunLink;
  startedAtMs: number;
}

export function classRun(found: FoundRun): ClassRun | undefined {
  // Aborted and error runs were cut short: their figures are partial, as the history treats them.
  if (!measuredFully(found.result)) return undefined;
  const startedAtMs = Date.parse(found.result.startedAt);
  if (Number.isNaN(startedAtMs)) return undefined;
  const { result } = found;
  return {
    found,
    startedAtMs,
    link: {
      runId: result.runId,
      scenario: result.scenario.name,
      dir: found.dir,
      startedAt: result.startedAt,
      ...(found.hasReport && { report: `${found.dir}/report.html` }),
    },
  };
}

/**
 * The objective's values in a run: one per iteration of a `repeat` run (each is a recovery of its
 * own), else the run's row. A run whose drill had no such objective gives none.
 */
export function objectiveSamples(run: ClassRun, objective: ObjectiveKey): ObjectiveSample[] {
  const { result } = run.found;
  const rowSets = result.iterations?.map((it) => it.objectives) ?? [result.objectives];
  return rowSets.flatMap((rows) =>
    rows
      .filter((row) => row.kind === objective)
      .map((row) => ({
        value: sampleValue(row),
        exceeded: row.kind !== 'consistent' && row.exceeded === true,
        run: run.link,
      })),
  );
}

/**
 * A row's value in the status tables. `consistent` is counted in replicas left diverged (its
 * row's "measured" is the time the replicas took to converge, bounded by the drill's own `within`,
 * which the table does not state); every other objective is its measured figure.
 */
function sampleValue(row: ObjectiveRow): number | null {
  if (row.kind !== 'consistent' || row.status === 'not-measured') return row.measured;
  return row.status === 'passed' ? 0 : Math.max(1, Object.keys(row.divergent ?? {}).length);
}

/** TTD or TTR of each iteration of each run, for the MTTR table. */
export function timeValues(
  runs: readonly ClassRun[],
  measure: 'detect' | 'recover',
): Array<{ ms: number; exceeded: boolean }> {
  return runs.flatMap((run) => {
    const { result } = run.found;
    const measurements = result.iterations?.map((it) => it.measurements) ?? [result.measurements];
    return measurements.flatMap((m): Array<{ ms: number; exceeded: boolean }> => {
      const t = m?.[measure];
      if (t?.status === 'measured') return [{ ms: t.ms, exceeded: false }];
      if (t?.status === 'not-detected' || t?.status === 'not-recovered')
        return [{ ms: t.exceeds, exceeded: true }];
      return [];
    });
  });
}
