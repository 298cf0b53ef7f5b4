import {
  evaluateObjectives,
  measure,
  summarizeRepeats,
  unmeasuredObjectives,
  type MeasureInput,
  type ObjectiveRow,
  type ObjectiveTargets,
  type RepeatSummary,
} from './measure/index.js';
import type { IterationResult, Sample } from '../result/index.js';
import type { DrillIteration } from './iteration.js';
import type { TrafficOutcome } from './drill-traffic.js';
import type { ProbeConfig } from './probe-set.js';
import { formatDuration } from '../common/duration.js';
import type { DuringTally } from './measure/during-tally.js';
import { evaluateSoak, type SoakTargets } from './measure/soak.js';

export type { IterationResult };

export interface MeasureSettings {
  samples: readonly Sample[];
  probes: readonly ProbeConfig[];
  stableFor: number;
  recoverTimeoutMs: number;
  objectives: ObjectiveTargets;
  now: number;
  /** The drill's load and ledger; the first and last iterations also take what came before / after them. */
  traffic?: TrafficOutcome;
  first?: boolean;
  last?: boolean;
  /** `recovery.signals`: the steady signals that judge impact and recovery (default all). */
  signals?: readonly string[];
  /** The run was interrupted at this instant (only for the iteration it interrupted). */
  stoppedAt?: number;
  /** A long drill's `during` samples folded into counts, per iteration. */
  duringTallies?: (iteration: number) => ReadonlyMap<string, DuringTally> | undefined;
  /** `objectives.soak`: judged per window of `per` from t0. */
  soak?: SoakTargets;
}

export function measureIteration(iteration: DrillIteration, s: MeasureSettings): IterationResult {
  const end = iteration.endedAt ?? s.now;
  const t0 = iteration.timeline?.firstEffectAt();
  const base = {
    index: iteration.index,
    startedAt: iteration.startedAt,
    endedAt: end,
    faults: iteration.timeline ? [...iteration.timeline.records.values()] : [],
  };
  if (t0 === undefined)
    return {
      ...base,
      objectives: [
        ...unmeasuredObjectives(s.objectives, noT0Reason(s, base), s.stoppedAt && -1),
        ...(s.soak ? unmeasuredSoak(s.soak, noT0Reason(s, base)) : []),
      ],
    };
  const faultStartedAt = base.faults.find((f) => f.effectAt === t0)?.startedAt;
  const measurements = measure({
    t0,
    ...(faultStartedAt !== undefined && { faultStartedAt }),
    samples: s.samples.filter((x) => x.startedAt >= iteration.startedAt && x.startedAt < end),
    probes: s.probes,
    stableFor: s.stableFor,
    recoverTimeoutMs: s.recoverTimeoutMs,
    faultWindows: (iteration.timeline?.activeWindows() ?? []).map((w) => ({
      start: w.start,
      end: w.end ?? end,
    })),
    ...trafficInputs(s, s.first ? -Infinity : iteration.startedAt, s.last ? Infinity : end, iteration.index),
    ...(s.signals && { signals: s.signals }),
    ...(s.stoppedAt !== undefined && { stoppedAt: s.stoppedAt }),
    ...duringInputs(s, iteration.index),
  });
  const withState = iteration.consistency
    ? { ...measurements, consistency: iteration.consistency.measurement() }
    : measurements;
  const objectives = [
    ...evaluateObjectives(s.objectives, withState),
    ...(s.soak ? evaluateSoak(s.soak, withState.soak) : []),
  ];
  return { ...base, t0, measurements: withState, objectives };
}

function duringInputs(s: MeasureSettings, iteration: number): Partial<MeasureInput> {
  const tallies = s.duringTallies?.(iteration);
  return {
    ...(tallies && { duringTallies: tallies }),
    ...(s.soak && { perMs: s.soak.per }),
  };
}

/** The soak rows of an iteration that measured nothing. */
function unmeasuredSoak(soak: SoakTargets, reason: string): ObjectiveRow[] {
  return evaluateSoak(soak, undefined).map((row) => ({ ...row, reason }));
}

function trafficInputs(
  s: MeasureSettings,
  from: number,
  to: number,
  iteration: number,
): Partial<MeasureInput> {
  if (!s.traffic) return {};
  const requests = s.traffic.requests(from, to);
  const signalRequests = s.traffic.signalRequests?.(from, to);
  const loadTally = s.traffic.loadTally?.(iteration);
  const ledger = s.traffic.ledger(from, to);
  const writes = s.traffic.writes(from, to);
  return {
    ...(requests && { requests }),
    ...(signalRequests && { signalRequests }),
    ...(loadTally && { loadTally }),
    ...(writes && { writes }),
    rateSettleMs: s.traffic.settleMs,
    ...(ledger && { ledger }),
    ...(s.traffic.ledgerUnavailable !== undefined && { ledgerUnavailable: s.traffic.ledgerUnavailable }),
  };
}

function noT0Reason(s: MeasureSettings, iteration: { startedAt: number }): string {
  if (s.stoppedAt === undefined) return 'no fault took effect';
  return `the run was interrupted ${formatDuration(s.stoppedAt - iteration.startedAt)} into the iteration, before a fault took effect`;
}

const statusRank: Record<ObjectiveRow['status'], number> = { failed: 2, 'not-measured': 1, passed: 0 };

/**
 * The objectives table over all iterations: for each objective the worst iteration's row (failed
 * before not-measured before passed; then the value furthest on the wrong side of its target).
 */
export function worstRows(iterations: readonly IterationResult[]): ObjectiveRow[] {
  const worst = new Map<string, ObjectiveRow>();
  for (const row of iterations.flatMap((it) => it.objectives)) {
    const current = worst.get(row.objective);
    if (!current || isWorse(row, current)) worst.set(row.objective, row);
  }
  return [...worst.values()];
}

function isWorse(row: ObjectiveRow, than: ObjectiveRow): boolean {
  if (statusRank[row.status] !== statusRank[than.status])
    return statusRank[row.status] > statusRank[than.status];
  if (row.measured === null || than.measured === null) return false;
  return row.comparison === '<=' ? row.measured > than.measured : row.measured < than.measured;
}

/** Distributions (min, p50, p95, max) of every measurement over the iterations that measured. */
export function repeatSummary(iterations: readonly IterationResult[]): RepeatSummary | undefined {
  const measured = iterations.flatMap((it) => (it.measurements ? [it.measurements] : []));
  return iterations.length > 1 ? summarizeRepeats(measured) : undefined;
}
