import { join, resolve } from 'node:path';
import type { Clock } from '../common/clock.js';
import { targets, type TargetType } from '../targets/registry.js';
import type { StartedTarget, TargetFactory, TemplateValues } from '../targets/target.js';
import type { LoadedScenario } from '../scenario/load.js';
import { RUN_DIR_REF, resolveTemplates } from '../scenario/templates.js';
import { RunLinks } from '../links/run-links.js';
import type { LinksContext } from '../links/start-links.js';
import type { StartedLinks } from '../links/started-links.js';
import type { RunSession } from './run-session.js';

/** The links' ports, chosen before the target starts so that its nodes can be pointed at them. */
export function planRunLinks(loaded: LoadedScenario): Promise<RunLinks> {
  const { links, toxiproxy, target } = loaded.drill;
  const nodes = 'nodes' in target ? (target.nodes as Record<string, unknown>) : {};
  return RunLinks.plan({ links, toxiproxy, nodes });
}

/** Values known from the start of a run: `${run.dir}`, the run directory (absolute). */
export function runTemplateValues(session: RunSession): TemplateValues {
  return { [RUN_DIR_REF]: resolve(session.runDir) };
}

/**
 * Brings the system under test up, recording every resource it creates for `cleanup`. The links
 * start on the way, before the first node whose settings name one; when the target fails to
 * start, what it started of them is stopped again.
 */
export async function startTarget(
  loaded: LoadedScenario,
  session: RunSession,
  clock: Clock,
  signal: AbortSignal,
  links?: RunLinks,
): Promise<StartedTarget> {
  const config = loaded.drill.target;
  const factory = (await targets[config.type as TargetType].load()) as TargetFactory;
  const linkContext = (values: TemplateValues): LinksContext =>
    linksContext(loaded, session, clock, signal, { ...runTemplateValues(session), ...values });
  try {
    const target = await factory.start(config, {
      runId: session.runId,
      baseDir: loaded.baseDir,
      clock,
      logger: session.logger,
      signal,
      logDir: join(session.runDir, 'nodes'),
      templateValues: runTemplateValues(session),
      ...(links?.declared && { links: links.gate(linkContext, (up) => recordLinksUp(session, up)) }),
      recordResource: async (resource) => session.state.addResource(resource),
    });
    session.journal.record('target.up', { nodes: [...target.nodes.keys()], values: target.templateValues() });
    return target;
  } catch (error) {
    await links?.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * The drill's links once the target is up: the ones the target already started for its nodes,
 * or Toxiproxy and the links started now (their upstreams name its nodes).
 */
export async function startRunLinks(
  loaded: LoadedScenario,
  session: RunSession,
  target: StartedTarget,
  clock: Clock,
  signal: AbortSignal,
  links?: RunLinks,
): Promise<StartedLinks | undefined> {
  const run = links ?? (await planRunLinks(loaded));
  const context = linksContext(loaded, session, clock, signal, {
    ...runTemplateValues(session),
    ...target.templateValues(),
  });
  return run.start(target, context, (up) => recordLinksUp(session, up));
}

function recordLinksUp(session: RunSession, links: StartedLinks): void {
  session.journal.record('links.up', { toxiproxy: links.toxiproxyUrl, values: links.templateValues() });
}

function linksContext(
  loaded: LoadedScenario,
  session: RunSession,
  clock: Clock,
  signal: AbortSignal,
  values: TemplateValues,
): LinksContext {
  const fill = (text: string, path: Array<string | number>): string =>
    resolveTemplates(text, values, { file: loaded.file, locate: loaded.locate, path });
  return {
    runId: session.runId,
    clock,
    signal,
    recordResource: async (resource) => session.state.addResource(resource),
    resolveUpstream: (link, upstream) => fill(upstream, ['links', link, 'upstream']),
    resolveUrl: (url) => fill(url, ['toxiproxy', 'url']),
  };
}
