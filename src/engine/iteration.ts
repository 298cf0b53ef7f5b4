import type { Clock } from '../common/clock.js';
import type { FaultContext } from '../injectors/injector.js';
import type { LoadedScenario } from '../scenario/load.js';
import { awaitBaselineSamples, checkBaseline, watchRecovery } from './drill-phases.js';
import { FaultTimeline } from './fault-timeline.js';
import { DrillAbortedError } from '../common/errors.js';
import type { SettleConfig } from './settle-schema.js';
import { settleWithin, waitUntilWhole, type SettleOutcome } from './settle.js';
import type { ProbeSet } from './probe-set.js';
import type { RunSession } from './run-session.js';
import type { PlannedFault } from './timeline-plan.js';
import type { LiveTraffic } from './drill-traffic.js';
import type { RevertOutcome } from './undo-stack.js';
import { ConsistencyCheck } from './consistency/consistency-check.js';
import type { StateReads } from './consistency/state-reads.js';

interface IterationDeps {
  drill: LoadedScenario['drill'];
  plan: readonly PlannedFault[];
  probes: ProbeSet;
  session: RunSession;
  clock: Clock;
  faultContext: FaultContext;
  /** The drill's `settle`, its templates resolved. */
  settle?: SettleConfig | undefined;
  /** The load's requests and the ledger's writes so far: steady signals the recovery watch waits for. */
  traffic?: () => LiveTraffic | undefined;
  /** The `consistency:` section's reads: state captured after the baseline and after recovery. */
  stateReads?: StateReads | undefined;
}

/**
 * One pass of baseline → faults → recovery. A drill with `repeat: N` runs N of them on the same
 * target, reverting every fault between them, so each measurement becomes a distribution.
 */
export class DrillIteration {
  readonly startedAt: number;
  endedAt: number | undefined;
  timeline: FaultTimeline | undefined;
  /** With `repeat`: whether the system was whole again before the next iteration. */
  settle: SettleOutcome | undefined;
  readonly consistency: ConsistencyCheck | undefined;

  constructor(
    readonly index: number,
    private readonly deps: IterationDeps,
  ) {
    this.startedAt = deps.clock.now();
    deps.probes.beginIteration(index, this.startedAt);
    const { drill, stateReads, clock, session } = deps;
    if (drill.consistency && stateReads)
      this.consistency = new ConsistencyCheck(drill.consistency, {
        reads: stateReads,
        clock,
        journal: session.journal,
      });
  }

  async run(): Promise<void> {
    const { drill, probes, session, clock, faultContext } = this.deps;
    const { journal } = session;
    if (drill.repeat > 1) journal.record('iteration', { index: this.index + 1, of: drill.repeat });
    journal.record('phase', { phase: 'baseline', duration: drill.baseline });
    await clock.sleep(drill.baseline, faultContext.signal);
    await awaitBaselineSamples(probes, this.startedAt, clock.now(), clock, faultContext.signal);
    checkBaseline(probes, this.startedAt, clock.now(), this.deps.traffic?.());
    await this.consistency?.before(faultContext.signal);

    journal.record('phase', { phase: 'faults' });
    // From here until detection and recovery are decided, every observation stays in memory.
    const faultsStartAt = clock.now();
    this.timeline = new FaultTimeline(this.deps.plan, {
      clock,
      journal,
      undo: session.undo,
      context: faultContext,
    });
    probes.scope.open(faultsStartAt, this.timeline);
    journal.record('phase', { phase: 'recovery' });
    await watchRecovery({
      drill,
      probes,
      timeline: this.timeline,
      clock,
      journal,
      signal: faultContext.signal,
      ...(this.deps.traffic && { traffic: this.deps.traffic }),
    });
    // Windows learnt after the watch (the final revert) would change how a sample counts.
    probes.scope.stopFolding();
    await this.consistency?.after(faultContext.signal);
  }

  /**
   * Before the next iteration: waits until the system is whole again (every node running, every
   * steady probe passing, the drill's `settle` check). One that is not, within the settle timeout,
   * ends the drill as aborted, naming what was missing: the next baseline would not hold.
   */
  async settleBeforeNext(): Promise<void> {
    const { drill, probes, clock, faultContext, session } = this.deps;
    const since = this.endedAt ?? clock.now();
    const outcome = await waitUntilWhole(this.deps.settle, since, {
      target: faultContext.target,
      probes,
      clock,
      stableFor: drill.stable_for,
      probeContext: {
        target: faultContext.target,
        clock,
        logger: faultContext.logger,
        baseDir: faultContext.baseDir,
      },
      signal: faultContext.signal,
    });
    this.settle = outcome;
    if (outcome.status === 'settled') {
      session.journal.record('iteration.settled', { index: this.index + 1, waitedMs: outcome.waitedMs });
      return;
    }
    const within = settleWithin(drill.settle);
    session.journal.record('iteration.unsettled', { index: this.index + 1, within, reason: outcome.reason });
    throw new DrillAbortedError(
      `the system was not whole again within ${within} after iteration ${this.index + 1}: ${outcome.reason}`,
      { hint: 'give it longer (settle.timeout), or check why it does not come back after the fault' },
    );
  }

  /** Reverts what this iteration left in place: before the next one proves its baseline, or at the end. */
  async revert(): Promise<RevertOutcome[]> {
    const revertStartedAt = this.deps.clock.now();
    this.deps.probes.scope.stopFolding();
    const reverts = await this.deps.session.undo.revertAll();
    this.endedAt = this.deps.clock.now();
    this.deps.probes.scope.close(this.endedAt);
    this.timeline?.markReverted(reverts, revertStartedAt, this.endedAt);
    if (reverts.length > 0) this.deps.session.journal.record('faults.reverted', { reverts });
    return reverts;
  }
}
