import { setMaxListeners } from 'node:events';
import type { Clock } from '../common/clock.js';
import { DrillAbortedError, FiredrillError, errorMessage } from '../common/errors.js';
import { longTimeout } from '../common/clock.js';
import { formatDuration } from '../common/duration.js';
import { seededRandom } from '../common/random.js';
import type { FaultContext } from '../injectors/injector.js';
import type { Reporter } from '../reporters/reporter.js';
import type { StartedTarget } from '../targets/target.js';
import type { StartedLinks } from '../links/started-links.js';
import { planRunLinks, runTemplateValues, startRunLinks, startTarget } from './target-startup.js';
import { loadDrillPlugins } from './drill-plugins.js';
import { DrillIteration } from './iteration.js';
import { DrillTraffic } from './drill-traffic.js';
import { ProbeSet, type ProbeConfig } from './probe-set.js';
import { MeasureScope } from './measure-scope.js';
import { SampleLog } from './sample-log.js';
import { WindowStats } from './window-stats.js';
import { buildResult, type DrillResult, type RunEnding } from './result.js';
import { openSession, type RunSession } from './run-session.js';
import { planTimeline, type FaultConfig, type PlannedFault } from './timeline-plan.js';
import { offlineNodeControl } from './offline-node-control.js';
import type { RevertOutcome } from './undo-stack.js';
import type { LoadedScenario } from '../scenario/load.js';
import { resolveTemplates } from '../scenario/templates.js';
import { openStateReads } from './consistency/open-state-reads.js';
import type { StateReads } from './consistency/state-reads.js';

export interface RunOptions {
  clock: Clock;
  reporters: readonly Reporter[];
  outRoot: string;
  stateRoot: string;
  keep: boolean;
  seed?: number;
  /** Aborts the drill from outside (SIGINT/SIGTERM): faults are reverted and reports still written. */
  signal?: AbortSignal;
}

export interface DrillRunOutcome {
  result: DrillResult;
  runDir: string;
}

/** Runs one drill to its verdict. Never throws for drill-level problems: they become the verdict. */
export async function runDrill(loaded: LoadedScenario, options: RunOptions): Promise<DrillRunOutcome> {
  await loadDrillPlugins(loaded.drill);
  return new DrillRun(loaded, options).run();
}

type Resolve = <T>(value: T, path: Array<string | number>) => T;

/** One run of a drill: what it started, so that whatever happened, it is all reverted and stopped. */
class DrillRun {
  private readonly drill: LoadedScenario['drill'];
  private readonly session: RunSession;
  private readonly seed: number;
  private readonly plan: PlannedFault[];
  /** Aborted by an outside signal, the drill timeout or a tripped abort probe. */
  private readonly controller = new AbortController();
  private target: StartedTarget | undefined;
  private links: StartedLinks | undefined;
  private probes: ProbeSet | undefined;
  /** Every observation, streamed to `<runDir>/samples.ndjson`; per-window summaries for the report. */
  private readonly sampleLog: SampleLog;
  private readonly windowStats = new WindowStats();
  private traffic: DrillTraffic | undefined;
  private stateReads: StateReads | undefined;
  private readonly iterations: DrillIteration[] = [];
  private ending: RunEnding = { kind: 'completed' };
  /** Why an outside signal stopped the run, once one did. */
  private interruption: string | undefined;

  constructor(
    private readonly loaded: LoadedScenario,
    private readonly options: RunOptions,
  ) {
    this.drill = loaded.drill;
    // Every probe check, ledger write and load request in flight listens to it: dozens at once.
    setMaxListeners(200, this.controller.signal);
    this.session = openSession({
      scenario: this.drill.name,
      outRoot: options.outRoot,
      stateRoot: options.stateRoot,
      clock: options.clock,
      reporters: options.reporters,
      undoEnvironment: () => ({ target: this.target, offline: offlineNodeControl }),
    });
    this.sampleLog = new SampleLog(this.session.runDir, {
      runId: this.session.runId,
      origin: options.clock.wallTime(0).toISOString(),
    });
    this.seed = options.seed ?? this.drill.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.plan = planTimeline(this.drill.faults as FaultConfig[]);
  }

  async run(): Promise<DrillRunOutcome> {
    const { drill, session, options, controller } = this;
    const stopOnSignal = (): void => {
      // Named with the phase it cut short; recorded even when it comes during the teardown.
      const phase = session.journal.phase;
      this.interruption = `${errorMessage(options.signal?.reason)} during the ${phase} phase`;
      session.journal.record('run.interrupted', { reason: this.interruption, phase });
      controller.abort(new DrillAbortedError(this.interruption));
    };
    options.signal?.addEventListener('abort', stopOnSignal, { once: true });
    const timeout = formatDuration(drill.timeouts.drill);
    // Chained: a drill timeout above 2^31-1 ms (about 24.8 days) must not fire at once.
    const cancelDrillTimer = longTimeout(
      () => controller.abort(new DrillAbortedError(`the drill timeout of ${timeout} ran out`)),
      drill.timeouts.drill,
    );
    for (const reporter of options.reporters)
      reporter.onDrillStart?.({
        runId: session.runId,
        scenario: drill.name,
        runDir: session.runDir,
        plan: this.plan,
      });
    session.journal.record('run.start', { scenario: drill.name, file: this.loaded.file, seed: this.seed });
    try {
      await this.execute();
    } catch (error) {
      this.ending = classifyEnding(
        controller.signal.aborted ? (controller.signal.reason ?? error) : error,
        options.clock.now(),
      );
      session.journal.record('run.stopped', { ...this.ending });
    } finally {
      cancelDrillTimer();
    }
    try {
      const reverts = await this.revertAndTearDown();
      return await this.writeResult(reverts);
    } finally {
      options.signal?.removeEventListener('abort', stopOnSignal);
    }
  }

  /** Target up, probes and traffic on, then each iteration's baseline → faults → recovery. */
  private async execute(): Promise<void> {
    const { loaded, session, options, controller } = this;
    const { signal } = controller;
    session.journal.record('phase', { phase: 'target' });
    const linkPlan = await planRunLinks(loaded);
    const target = await startTarget(loaded, session, options.clock, signal, linkPlan);
    this.target = target;
    this.links = await startRunLinks(loaded, session, target, options.clock, signal, linkPlan);
    const values = {
      ...runTemplateValues(session),
      ...target.templateValues(),
      ...this.links?.templateValues(),
    };
    const resolve: Resolve = (value, path) =>
      resolveTemplates(value, values, { file: loaded.file, locate: loaded.locate, path });
    const probes = this.createProbes(target, resolve);
    this.probes = probes;
    await probes.ready(signal);
    if (this.drill.consistency) {
      const source = { file: loaded.file, locate: loaded.locate };
      const context = { target, clock: options.clock, logger: session.logger, baseDir: loaded.baseDir };
      this.stateReads = openStateReads(this.drill.consistency, { ...context, values, source });
      await this.stateReads.ready();
    }
    this.traffic = await DrillTraffic.start(
      {
        loaded,
        session,
        target,
        values,
        clock: options.clock,
        resolve,
        scope: probes.scope,
        log: this.sampleLog,
        windows: this.windowStats,
      },
      signal,
    );
    probes.start();
    await this.runIterations(probes, target, resolve);
    await this.traffic.readBack(signal);
  }

  private createProbes(target: StartedTarget, resolve: Resolve): ProbeSet {
    const { session, options, controller } = this;
    return new ProbeSet(resolve(this.drill.probes, ['probes']) as ProbeConfig[], {
      clock: options.clock,
      logger: session.logger,
      context: { target, clock: options.clock, logger: session.logger, baseDir: this.loaded.baseDir },
      signal: controller.signal,
      scope: new MeasureScope(this.drill.objectives.soak?.per),
      log: this.sampleLog,
      windows: this.windowStats,
      onSample: (sample) => {
        for (const reporter of options.reporters) reporter.onSample?.(sample);
        if (sample.role === 'abort' && !sample.ok) {
          controller.abort(
            new DrillAbortedError(`abort probe ${sample.probe} tripped: ${sample.detail ?? 'failed'}`),
          );
        }
      },
    });
  }

  private async runIterations(probes: ProbeSet, target: StartedTarget, resolve: Resolve): Promise<void> {
    const { drill, session, options } = this;
    const faultContext: FaultContext = {
      runId: session.runId,
      target,
      clock: options.clock,
      logger: session.logger,
      signal: this.controller.signal,
      random: seededRandom(this.seed),
      baseDir: this.loaded.baseDir,
      ...(this.links && { links: this.links }),
    };
    const plan = this.plan.map((fault, index) => ({
      ...fault,
      config: resolve(fault.config, ['faults', index]),
    }));
    const settle = drill.settle && resolve(drill.settle, ['settle']);
    for (let index = 0; index < drill.repeat; index++) {
      const iteration = new DrillIteration(index, {
        drill,
        plan,
        settle,
        probes,
        session,
        clock: options.clock,
        faultContext,
        traffic: () => this.traffic?.live(),
        stateReads: this.stateReads,
      });
      this.iterations.push(iteration);
      await iteration.run();
      if (index < drill.repeat - 1) {
        await iteration.revert();
        await iteration.settleBeforeNext();
      }
    }
  }

  /** Reverts every fault still in place (LIFO), stops probes and traffic, then links and target. */
  private async revertAndTearDown(): Promise<RevertOutcome[]> {
    const { session, options } = this;
    session.journal.record('phase', { phase: 'revert' });
    // Faults are injected by iterations only: before the first one there is nothing to revert.
    const reverts = (await this.iterations.at(-1)?.revert()) ?? [];
    await this.probes?.stop();
    await this.traffic?.close();
    await this.stateReads?.close();
    this.sampleLog.close();
    session.journal.record('phase', { phase: 'teardown', keep: options.keep });
    if (options.keep)
      session.journal.record('target.kept', {
        hint: 'remove what this run left running with: firedrill cleanup',
      });
    for (const started of [this.links, this.target]) {
      try {
        await started?.stop({ keep: options.keep });
      } catch (error) {
        session.journal.record('teardown.failed', { reason: errorMessage(error) });
      }
    }
    return reverts;
  }

  private async writeResult(reverts: RevertOutcome[]): Promise<DrillRunOutcome> {
    const { session, options } = this;
    if (this.interruption !== undefined && this.ending.kind === 'completed')
      this.ending = { kind: 'aborted', reason: this.interruption };
    const result = buildResult({
      runId: session.runId,
      loaded: this.loaded,
      clock: options.clock,
      seed: this.seed,
      ending: this.ending,
      samples: this.probes?.samples ?? [],
      ...(this.probes && {
        skippedTicks: this.probes.skippedTicks(),
        duringTallies: (i: number) => this.probes?.duringTallies(i),
        series: this.probes.series(),
      }),
      windows: this.windowStats.summaries(),
      sampleFile: true,
      probes: this.probes?.configs ?? [],
      iterations: this.iterations,
      plan: this.plan,
      reverts,
      events: session.journal.events,
      ...(this.traffic && { traffic: this.traffic.outcome() }),
    });
    session.journal.record('run.end', { verdict: result.verdict, reason: result.reason });
    for (const reporter of options.reporters) await reporter.onDrillEnd?.(result, session.runDir);
    // What --keep left running stays recorded, for `firedrill cleanup` to end.
    if (session.state.pending.length === 0 && !options.keep) session.state.remove();
    session.logger.flush?.();
    return { result, runDir: session.runDir };
  }
}

function classifyEnding(error: unknown, at: number): RunEnding {
  if (error instanceof DrillAbortedError) return { kind: 'aborted', reason: error.message, at };
  if (error instanceof FiredrillError) return { kind: 'error', reason: error.message, hint: error.hint, at };
  return { kind: 'error', reason: `internal error: ${errorMessage(error)}`, at };
}
