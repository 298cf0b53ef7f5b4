import { join, resolve } from 'node:path';
import type { Clock } from '../common/clock.js';
import { targets, type TargetType } from '../targets/registry.js';
import type { StartedTarget, TargetFactory, TemplateValues } from '../targets/target.js';
import type { LoadedScenario } from '../scenario/load.js';
import { RUN_DIR_REF, resolveTemplates } from '../scenario/templates.js';
import { planLinks, presetLinkValues, type LinkPlan } from '../links/link-plan.js';
import type { StartedLinks } from '../links/started-links.js';
import type { RunSession } from './run-session.js';

/** The links' ports, chosen before the target starts so that its nodes can be pointed at them. */
export function planRunLinks(loaded: LoadedScenario): Promise<LinkPlan> {
  return planLinks(loaded.drill.links);
}

/** Values known from the start of a run: `${run.dir}`, the run directory (absolute). */
export function runTemplateValues(session: RunSession): TemplateValues {
  return { [RUN_DIR_REF]: resolve(session.runDir) };
}

/** Brings the system under test up, recording every resource it creates for `cleanup`. */
export async function startTarget(
  loaded: LoadedScenario,
  session: RunSession,
  clock: Clock,
  signal: AbortSignal,
  linkPlan?: LinkPlan,
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
    templateValues: {
      ...runTemplateValues(session),
      ...(linkPlan && presetLinkValues(linkPlan, loaded.drill.toxiproxy)),
    },
    recordResource: async (resource) => session.state.addResource(resource),
  });
  session.journal.record('target.up', { nodes: [...target.nodes.keys()], values: target.templateValues() });
  return target;
}

/** Starts Toxiproxy and the drill's links once the target is up (their upstreams name its nodes). */
export async function startRunLinks(
  loaded: LoadedScenario,
  session: RunSession,
  target: StartedTarget,
  clock: Clock,
  signal: AbortSignal,
  linkPlan?: LinkPlan,
): Promise<StartedLinks | undefined> {
  const { drill } = loaded;
  // Toxiproxy's client (and testcontainers, for its container) load only for drills with links.
  if (Object.keys(drill.links ?? {}).length === 0) return undefined;
  const { startLinks } = await import('../links/start-links.js');
  const links = await startLinks(
    drill.links,
    drill.toxiproxy,
    target,
    {
      runId: session.runId,
      clock,
      signal,
      recordResource: async (resource) => session.state.addResource(resource),
      resolveUpstream: (link, upstream) =>
        resolveTemplates(upstream, target.templateValues(), {
          file: loaded.file,
          locate: loaded.locate,
          path: ['links', link, 'upstream'],
        }),
    },
    linkPlan,
  );
  if (links)
    session.journal.record('links.up', { toxiproxy: links.toxiproxyUrl, values: links.templateValues() });
  return links;
}
