import type { FoundRun } from '../../history/scan-runs.js';
import type { DrillResult, ObjectiveKey, Verdict } from '../../result/index.js';

export interface SyntheticRun {
  /** Days before `now`. */
  daysAgo: number;
  class: string;
  /** The table as the drill named it (relative to the drill file `scenarios/<x>.yaml`). */
  table?: string;
  verdict?: Verdict;
  tier?: string;
  /** The objective rows: measured value per objective, `exceeded` for "> timeout". */
  rows: Partial<Record<ObjectiveKey, number | { over: number }>>;
  /** TTD and TTR in ms, for the MTTR table. */
  ttd?: number;
  ttr?: number | { over: number };
}

let counter = 0;

/** A finished run as scanRuns would find it, with only what the status tables read. */
export function syntheticRun(now: Date, run: SyntheticRun): FoundRun {
  const id = `run${String(++counter).padStart(4, '0')}`;
  const startedAt = new Date(now.getTime() - run.daysAgo * 86_400_000).toISOString();
  const objectives = Object.entries(run.rows).map(([kind, value]) => ({
    objective: kind,
    kind: kind as ObjectiveKey,
    unit: kind === 'lost_writes' ? ('count' as const) : ('ms' as const),
    comparison: '<=' as const,
    target: 0,
    measured: typeof value === 'number' ? value : value!.over,
    ...(typeof value === 'object' && { exceeded: true as const }),
    status: 'passed' as const,
    display: { target: '', measured: '' },
  }));
  const time = (v: number | { over: number } | undefined) =>
    v === undefined
      ? { status: 'not-measured' as const, reason: 'none' }
      : typeof v === 'number'
        ? { status: 'measured' as const, ms: v, resolution: { ms: 10, basis: 'exact' as const } }
        : { status: 'not-recovered' as const, exceeds: v.over, reason: 'timeout' };
  const result = {
    schema: 'firedrill.result/v1',
    runId: id,
    scenario: {
      name: `drill-${run.class}`,
      file: 'scenarios/drill.yaml',
      tags: [],
      ...(run.tier !== undefined && { tier: run.tier }),
      config: { objectivesFrom: { table: run.table ?? './objectives.yaml', class: run.class } },
    },
    startedAt,
    endedAt: startedAt,
    verdict: run.verdict ?? 'passed',
    reasons: [],
    objectives,
    measurements: { detect: time(run.ttd), recover: time(run.ttr) },
  } as unknown as DrillResult;
  return { dir: `drill-${run.class}/${startedAt.replace(/[-:.]/g, '')}-${id}`, result, hasReport: true };
}
