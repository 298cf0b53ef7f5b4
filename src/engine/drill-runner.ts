import type { Clock } from '../common/clock.js';
import { DrillAbortedError, FiredrillError, errorMessage } from '../common/errors.js';
import { formatDuration } from '../common/duration.js';
import { seededRandom } from '../common/random.js';
import type { Reporter } from '../reporters/reporter.js';
import type { StartedTarget } from '../targets/target.js';
import type { StartedLinks } from '../links/started-links.js';
import { planRunLinks, startRunLinks, startTarget } from './target-startup.js';
import { DrillIteration } from './iteration.js';
import { DrillTraffic } from './drill-traffic.js';
import { ProbeSet, type ProbeConfig } from './probe-set.js';
import { buildResult, type DrillResult, type RunEnding } from './result.js';
import { openSession, type RunSession } from './run-session.js';
import { planTimeline, type FaultConfig } from './timeline-plan.js';
import { offlineNodeControl } from './offline-node-control.js';
import type { LoadedScenario } from '../scenario/load.js';
import { resolveTemplates } from '../scenario/templates.js';

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

/** Runs one drill to its verdict. Never throws for drill-level problems: they become the verdict. */
export async function runDrill(
  loaded: LoadedScenario,
  options: RunOptions,
): Promise<{ result: DrillResult; runDir: string }> {
  const { drill } = loaded;
  const { clock } = options;
  let target: StartedTarget | undefined;
  let links: StartedLinks | undefined;
  const session = openSession({
    scenario: drill.name,
    outRoot: options.outRoot,
    stateRoot: options.stateRoot,
    clock,
    reporters: options.reporters,
    undoEnvironment: () => ({ target, offline: offlineNodeControl }),
  });
  const seed = options.seed ?? drill.seed ?? Math.floor(Math.random() * 2 ** 31);
  const plan = planTimeline(drill.faults as FaultConfig[]);
  const controller = new AbortController();
  const stopOnSignal = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stopOnSignal, { once: true });
  const drillTimer = setTimeout(
    () =>
      controller.abort(
        new DrillAbortedError(`the drill timeout of ${formatDuration(drill.timeouts.drill)} ran out`),
      ),
    drill.timeouts.drill,
  );
  for (const reporter of options.reporters)
    reporter.onDrillStart?.({ runId: session.runId, scenario: drill.name, runDir: session.runDir, plan });
  session.journal.record('run.start', { scenario: drill.name, file: loaded.file, seed });

  let probes: ProbeSet | undefined;
  let traffic: DrillTraffic | undefined;
  const iterations: DrillIteration[] = [];
  let ending: RunEnding = { kind: 'completed' };
  try {
    session.journal.record('phase', { phase: 'target' });
    const linkPlan = await planRunLinks(loaded);
    target = await startTarget(loaded, session, clock, controller.signal, linkPlan);
    const started = target;
    links = await startRunLinks(loaded, session, started, clock, controller.signal, linkPlan);
    const values = { ...started.templateValues(), ...links?.templateValues() };
    const resolve = <T>(value: T, path: Array<string | number>): T =>
      resolveTemplates(value, values, { file: loaded.file, locate: loaded.locate, path });
    probes = new ProbeSet(resolve(drill.probes, ['probes']) as ProbeConfig[], {
      clock,
      logger: session.logger,
      context: { target: started, clock, logger: session.logger, baseDir: loaded.baseDir },
      signal: controller.signal,
      onSample: (sample) => {
        for (const reporter of options.reporters) reporter.onSample?.(sample);
        if (sample.role === 'abort' && !sample.ok) {
          controller.abort(
            new DrillAbortedError(`abort probe ${sample.probe} tripped: ${sample.detail ?? 'failed'}`),
          );
        }
      },
    });
    const faultContext = {
      runId: session.runId,
      target: started,
      clock,
      logger: session.logger,
      signal: controller.signal,
      random: seededRandom(seed),
      baseDir: loaded.baseDir,
      ...(links && { links }),
    };
    const resolvedPlan = plan.map((fault, index) => ({
      ...fault,
      config: resolve(fault.config, ['faults', index]),
    }));
    await probes.ready(controller.signal);
    traffic = await DrillTraffic.start(
      { loaded, session, target: started, values, clock, resolve },
      controller.signal,
    );
    probes.start();
    for (let index = 0; index < drill.repeat; index++) {
      const iteration = new DrillIteration(index, {
        drill,
        plan: resolvedPlan,
        probes,
        session,
        clock,
        faultContext,
      });
      iterations.push(iteration);
      await iteration.run();
      if (index < drill.repeat - 1) await iteration.revert();
    }
    await traffic.readBack(controller.signal);
  } catch (error) {
    ending = classifyEnding(controller.signal.aborted ? (controller.signal.reason ?? error) : error);
    session.journal.record('run.stopped', { ...ending });
  } finally {
    clearTimeout(drillTimer);
    options.signal?.removeEventListener('abort', stopOnSignal);
  }
  return finish({ session, loaded, options, seed, target, links, probes, traffic, iterations, ending, plan });
}

function classifyEnding(error: unknown): RunEnding {
  if (error instanceof DrillAbortedError) return { kind: 'aborted', reason: error.message };
  if (error instanceof FiredrillError) return { kind: 'error', reason: error.message, hint: error.hint };
  return { kind: 'error', reason: `internal error: ${errorMessage(error)}` };
}

interface Finish {
  session: RunSession;
  loaded: LoadedScenario;
  options: RunOptions;
  seed: number;
  target: StartedTarget | undefined;
  links: StartedLinks | undefined;
  probes: ProbeSet | undefined;
  traffic: DrillTraffic | undefined;
  iterations: DrillIteration[];
  ending: RunEnding;
  plan: ReturnType<typeof planTimeline>;
}

/** Reverts, stops, tears down and writes the result: runs whatever happened before. */
async function finish(f: Finish): Promise<{ result: DrillResult; runDir: string }> {
  const { session, options } = f;
  const { clock } = options;
  session.journal.record('phase', { phase: 'revert' });
  const reverts = await session.undo.revertAll();
  const last = f.iterations.at(-1);
  if (last) {
    last.endedAt = clock.now();
    last.timeline?.markReverted(reverts, last.endedAt);
  }
  if (reverts.length > 0) session.journal.record('faults.reverted', { reverts });
  await f.probes?.stop();
  await f.traffic?.close();
  session.journal.record('phase', { phase: 'teardown', keep: options.keep });
  if (options.keep)
    session.journal.record('target.kept', {
      hint: 'remove what this run left running with: firedrill cleanup',
    });
  try {
    await f.links?.stop({ keep: options.keep });
  } catch (error) {
    session.journal.record('teardown.failed', { reason: errorMessage(error) });
  }
  try {
    await f.target?.stop({ keep: options.keep });
  } catch (error) {
    session.journal.record('teardown.failed', { reason: errorMessage(error) });
  }
  const result = buildResult({
    runId: session.runId,
    loaded: f.loaded,
    clock,
    seed: f.seed,
    ending: f.ending,
    samples: f.probes?.samples ?? [],
    probes: f.probes?.configs ?? [],
    iterations: f.iterations,
    plan: f.plan,
    reverts,
    events: session.journal.events,
    ...(f.traffic && { traffic: f.traffic.outcome() }),
  });
  session.journal.record('run.end', { verdict: result.verdict, reason: result.reason });
  for (const reporter of options.reporters) await reporter.onDrillEnd?.(result, session.runDir);
  if (session.state.pending.length === 0) session.state.remove();
  session.logger.flush?.();
  return { result, runDir: session.runDir };
}
