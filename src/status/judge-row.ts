import type { ObjectiveKey } from '../result/index.js';
import { objectiveSamples, type ClassRun } from './class-runs.js';
import { periodFigures } from './period-figures.js';
import type { TierPeriod } from './tier-period.js';
import type { ObjectiveSample, RowStatus, StatusRow } from './status-report.js';
import { statusWords } from './status-text.js';

/** The objective as the table states it: what the rows compare the measured values with. */
export interface RowObjective {
  table: string;
  class: string;
  name: string;
  protects?: string;
  objective: ObjectiveKey;
  unit: StatusRow['unit'];
  comparison: StatusRow['comparison'];
  target: number;
  claim?: number;
}

export interface JudgeInput {
  /** The class's finished runs, oldest first. */
  runs: readonly ClassRun[];
  now: Date;
  sinceMs: number;
  /** The class's tier (the shortest among its drills'); undefined: the period stands for it. */
  tier: TierPeriod | undefined;
}

/** Whether a value holds against a bound; an exceeded value (only a lower bound is known) never does. */
export function holds(sample: ObjectiveSample, bound: number, comparison: '<=' | '>='): boolean {
  if (sample.value === null) return true;
  if (sample.exceeded) return false;
  return comparison === '<=' ? sample.value <= bound : sample.value >= bound;
}

/**
 * One row: the runs of the period (and always the latest run, however old) are judged against the
 * table's target as it stands now; the claim against the period's p95 (p5 for "at least").
 */
export function judgeRow(objective: RowObjective, input: JudgeInput): StatusRow {
  const base = {
    ...objective,
    ...(input.tier && { tier: { name: input.tier.name, periodMs: input.tier.periodMs } }),
  };
  const withSamples = input.runs
    .map((run) => ({
      run,
      samples: objectiveSamples(run, objective.objective).filter((s) => s.value !== null),
    }))
    .filter((r) => r.samples.length > 0);
  const latest = withSamples.at(-1);
  if (!latest) {
    const reason =
      input.runs.length === 0
        ? 'no drill run references this class'
        : `no run of this class measured ${objective.objective}`;
    return { ...base, status: 'untested', conditions: ['untested'], reason };
  }
  const from = input.now.getTime() - input.sinceMs;
  const inPeriod = withSamples.filter((r) => r.run.startedAtMs >= from);
  const judged = inPeriod.includes(latest) ? inPeriod : [...inPeriod, latest];
  const missed = judged.filter((r) =>
    r.samples.some((s) => !holds(s, objective.target, objective.comparison)),
  );
  const figures = periodFigures(
    inPeriod.flatMap((r) => r.samples),
    objective.comparison,
  );
  // No run in the period: the claim is held against the latest run's values.
  const claimFigures = figures ?? periodFigures(latest.samples, objective.comparison);
  const ageMs = input.now.getTime() - latest.run.startedAtMs;
  const conditions: RowStatus[] = [];
  if (missed.length > 0) conditions.push('failed');
  if (ageMs > (input.tier?.periodMs ?? input.sinceMs)) conditions.push('stale');
  const claimBroken =
    objective.claim !== undefined &&
    claimFigures !== null &&
    !holds(
      { value: claimFigures.tail, exceeded: claimFigures.atLeast.tail, run: latest.run.link },
      objective.claim,
      objective.comparison,
    );
  if (claimBroken) conditions.push('claim-broken');
  const status = conditions[0] ?? 'validated';
  const row: StatusRow = {
    ...base,
    last: latest.samples.at(-1)!,
    ...(figures && { period: figures }),
    status,
    conditions: conditions.length > 0 ? conditions : ['validated'],
    ...(missed.length > 0 && { failedRun: missed.at(-1)!.run.link }),
    reason: '',
  };
  return { ...row, reason: statusWords(row, ageMs, input.sinceMs) };
}
