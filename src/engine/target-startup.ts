import { join } from 'node:path';
import type { Clock } from '../common/clock.js';
import { targets, type TargetType } from '../targets/registry.js';
import type { StartedTarget, TargetFactory } from '../targets/target.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { RunSession } from './run-session.js';

/** Brings the system under test up, recording every resource it creates for `cleanup`. */
export async function startTarget(
  loaded: LoadedScenario,
  session: RunSession,
  clock: Clock,
  signal: AbortSignal,
): Promise<StartedTarget> {
  const config = loaded.drill.target;
  const factory = targets[config.type as TargetType] as TargetFactory;
  const target = await factory.start(config, {
    runId: session.runId,
    baseDir: loaded.baseDir,
    clock,
    logger: session.logger,
    signal,
    logDir: join(session.runDir, 'nodes'),
    recordResource: async (resource) => session.state.addResource(resource),
  });
  session.journal.record('target.up', { nodes: [...target.nodes.keys()], values: target.templateValues() });
  return target;
}
