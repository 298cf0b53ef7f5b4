import type { Clock } from '../../common/clock.js';
import { formatDuration } from '../../common/duration.js';
import type { ConsistencyMeasurement, NodeReading } from '../../result/consistency.js';
import type { Journal } from '../journal.js';
import { judgeRound, type Expectation } from './compare-states.js';
import type { ConsistencyConfig } from './consistency-schema.js';
import { readUntilConverged, type Round } from './converge.js';
import { nodeState } from './normalise.js';

interface CheckDeps {
  /** One round of reads of every replica (StateReads). */
  reads: { round(signal: AbortSignal): Promise<Round> };
  clock: Clock;
  journal: Pick<Journal, 'record'>;
}

/**
 * One iteration's state check: each replica read after the baseline (`before`) and after recovery
 * (`after`), reading again until they converge or the bound passes. What it has not read when the
 * run stops is not measured.
 */
export class ConsistencyCheck {
  private beforeTexts: Record<string, string> | undefined;
  private beforeRound: Round | undefined;
  private outcome: ConsistencyMeasurement | undefined;

  constructor(
    private readonly config: ConsistencyConfig,
    private readonly deps: CheckDeps,
  ) {}

  /** The state before the fault: read until every replica answers (bounded by `within`). */
  async before(signal: AbortSignal): Promise<void> {
    // Only that every replica answers: whether they agree is judged after recovery.
    const readable = (round: Round) => judgeRound(round, undefined, { agree: false, unchanged: false });
    const result = await readUntilConverged((s) => this.deps.reads.round(s), readable, this.timing(signal));
    this.beforeRound = result.round;
    if (result.status === 'converged') {
      this.beforeTexts = Object.fromEntries(
        Object.entries(result.round).flatMap(([node, r]) => (r.ok ? [[node, r.text]] : [])),
      );
    }
    this.deps.journal.record('consistency.before', { nodes: shownRound(result.round) });
  }

  /** After recovery: rounds of reads until the replicas agree (and/or are unchanged), or `within` passes. */
  async after(signal: AbortSignal): Promise<void> {
    const before = shownRound(this.beforeRound ?? {});
    if (this.config.unchanged && this.beforeTexts === undefined) {
      this.outcome = {
        status: 'not-measured',
        reason: `the state before the fault could not be read: ${unreadable(this.beforeRound)}`,
        before,
      };
      return;
    }
    const expect: Expectation = { agree: this.config.agree, unchanged: this.config.unchanged };
    const result = await readUntilConverged(
      (s) => this.deps.reads.round(s),
      (round) => judgeRound(round, this.beforeTexts, expect),
      this.timing(signal),
    );
    const after = shownRound(result.round);
    this.outcome =
      result.status === 'converged'
        ? {
            status: 'consistent',
            ms: result.ms,
            resolutionMs: result.resolutionMs,
            rounds: result.rounds,
            before,
            after,
          }
        : {
            status: 'inconsistent',
            ms: result.ms,
            rounds: result.rounds,
            before,
            after,
            divergent: result.judgement.divergent,
            reason: `after ${formatDuration(result.ms)} (${result.rounds} rounds of reads): ${result.judgement.reason}`,
          };
    this.deps.journal.record(`consistency.${this.outcome.status}`, { ms: result.ms, nodes: after });
  }

  /** The outcome, or why there is none: the run stopped before the state was read after recovery. */
  measurement(): ConsistencyMeasurement {
    if (this.outcome) return this.outcome;
    const reason = this.beforeRound
      ? 'the run ended before the state was read after recovery'
      : 'the run ended before the state was read';
    return {
      status: 'not-measured',
      reason,
      ...(this.beforeRound && { before: shownRound(this.beforeRound) }),
    };
  }

  private timing(signal: AbortSignal) {
    return { clock: this.deps.clock, withinMs: this.config.within, intervalMs: this.config.interval, signal };
  }
}

function shownRound(round: Round): Record<string, NodeReading> {
  return Object.fromEntries(
    Object.entries(round).map(([node, r]) => [node, r.ok ? nodeState(r.text) : { error: r.error }]),
  );
}

function unreadable(round: Round | undefined): string {
  if (!round) return 'not read';
  return Object.entries(round)
    .flatMap(([node, r]) => (r.ok ? [] : [`${node}: ${r.error}`]))
    .join('; ');
}
