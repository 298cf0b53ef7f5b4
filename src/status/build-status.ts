import type { FoundRun } from '../history/scan-runs.js';
import { objectiveKeys } from '../result/index.js';
import type { ObjectivesTable } from '../scenario/objectives.js';
import { classRun, timeValues, type ClassRun } from './class-runs.js';
import { judgeRow, type RowObjective } from './judge-row.js';
import { objectiveKinds } from './objective-kinds.js';
import { timeSummary } from './period-figures.js';
import { runClassRef, tableOfRun } from './run-class.js';
import type { MttrRow, StatusReport, StatusRow } from './status-report.js';
import type { TierOf, TierPeriod } from './tier-period.js';

export interface StatusTable {
  /** The file as given (shown in the table). */
  file: string;
  /** Its absolute path: runs are matched against it. */
  path: string;
  table: ObjectivesTable;
}

export interface StatusInput {
  tables: readonly StatusTable[];
  runs: readonly FoundRun[];
  now: Date;
  sinceMs: number;
  /** As the user wrote it (`90d`). */
  sinceText: string;
  tierOf: TierOf;
  cwd?: string;
}

/** The RTO, RPO and MTTR tables of every class of the given objectives tables. */
export function buildStatus(input: StatusInput): StatusReport {
  const runsByClass = groupRuns(input);
  const rto: StatusRow[] = [];
  const rpo: StatusRow[] = [];
  const mttr: MttrRow[] = [];
  const from = input.now.getTime() - input.sinceMs;
  input.tables.forEach(({ file, table }, index) => {
    for (const [name, objectiveClass] of Object.entries(table.classes)) {
      const runs = runsByClass.get(classKey(index, name)) ?? [];
      const tier = shortestTier(runs.map((run) => input.tierOf(run.found.result)));
      const display = objectiveClass.name ?? name;
      for (const objective of objectiveKeys) {
        const stated = objectiveClass[objective];
        if (stated === undefined) continue;
        const kind = objectiveKinds[objective];
        // `consistent: true` is a bound of zero diverged replicas.
        const target = stated === true ? 0 : stated;
        const claimed = objectiveClass.claim?.[objective];
        const claim = claimed === true ? 0 : claimed;
        const row: RowObjective = {
          table: file,
          class: name,
          name: display,
          ...(objectiveClass.protects !== undefined && { protects: objectiveClass.protects }),
          objective,
          unit: kind.unit,
          comparison: kind.comparison,
          target,
          ...(claim !== undefined && { claim }),
        };
        const judged = judgeRow(row, { runs, now: input.now, sinceMs: input.sinceMs, tier });
        (kind.table === 'rto' ? rto : rpo).push(judged);
      }
      const inPeriod = runs.filter((run) => run.startedAtMs >= from);
      mttr.push({
        table: file,
        class: name,
        name: display,
        runs: inPeriod.length,
        ttd: timeSummary(timeValues(inPeriod, 'detect')),
        ttr: timeSummary(timeValues(inPeriod, 'recover')),
      });
    }
  });
  return {
    schema: 'firedrill.status/v1',
    generatedAt: input.now.toISOString(),
    since: { ms: input.sinceMs, from: new Date(from).toISOString(), text: input.sinceText },
    tables: input.tables.map((t) => t.file),
    rto,
    rpo,
    mttr,
  };
}

const classKey = (tableIndex: number, name: string): string => `${tableIndex}\0${name}`;

/** Finished runs by the class their drill named, oldest first. */
function groupRuns(input: StatusInput): Map<string, ClassRun[]> {
  const paths = input.tables.map((t) => t.path);
  const byClass = new Map<string, ClassRun[]>();
  for (const found of input.runs) {
    const ref = runClassRef(found.result);
    const run = ref && classRun(found);
    if (!ref || !run) continue;
    const index = tableOfRun(ref, paths, input.cwd);
    if (index === undefined) continue;
    const key = classKey(index, ref.class);
    byClass.set(key, [...(byClass.get(key) ?? []), run]);
  }
  for (const runs of byClass.values())
    runs.sort((a, b) => a.startedAtMs - b.startedAtMs || a.link.dir.localeCompare(b.link.dir));
  return byClass;
}

/** A class drilled by a weekly and a quarterly drill owes a drill every week. */
function shortestTier(tiers: ReadonlyArray<TierPeriod | undefined>): TierPeriod | undefined {
  let shortest: TierPeriod | undefined;
  for (const tier of tiers) if (tier && (!shortest || tier.periodMs < shortest.periodMs)) shortest = tier;
  return shortest;
}
