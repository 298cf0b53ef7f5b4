import type { Clock } from '../../common/clock.js';
import type { Logger } from '../../common/logger.js';
import type { Objectives } from '../../scenario/objectives.js';
import { resolveTemplates, type TemplateSource } from '../../scenario/templates.js';
import type { StartedTarget, TemplateValues } from '../../targets/target.js';
import type { ObjectiveTargets } from '../measure/objectives.js';
import type { ConsistencyConfig, StateReadConfig } from './consistency-schema.js';
import { StateReads } from './state-reads.js';

interface OpenDeps {
  target: StartedTarget;
  clock: Clock;
  logger: Logger;
  baseDir: string;
  /** Every template value of the run (`${nodes...}`, `${links...}`, `${run.dir}`). */
  values: TemplateValues;
  source: TemplateSource;
}

/** The section's reads, their templates resolved per node: `${node.host}` is that node's host. */
export function openStateReads(config: ConsistencyConfig, deps: OpenDeps): StateReads {
  const field = (read: StateReadConfig): string => (read === config.at ? 'at' : 'read');
  return new StateReads(config, {
    target: deps.target,
    clock: deps.clock,
    logger: deps.logger.child({ consistency: true }),
    baseDir: deps.baseDir,
    resolveFor: (read, node, extra) =>
      resolveTemplates(
        read,
        { ...deps.values, ...nodeValues(deps.values, node), ...extra },
        { ...deps.source, path: ['consistency', field(read)] },
      ),
  });
}

/** `node.host`, `node.port.http`... for one node: its own `nodes.<node>.*` values, and its name. */
export function nodeValues(values: TemplateValues, node: string): TemplateValues {
  const prefix = `nodes.${node}.`;
  const own = Object.entries(values).flatMap(([key, value]) =>
    key.startsWith(prefix) ? [[`node.${key.slice(prefix.length)}`, value] as const] : [],
  );
  return { ...Object.fromEntries(own), 'node.name': node };
}

/** The objectives as targets: `consistent: true` becomes the bound its replicas converge within. */
export function objectiveTargets(objectives: Objectives, consistency?: ConsistencyConfig): ObjectiveTargets {
  const { consistent, ...rest } = objectives;
  return { ...rest, ...(consistent && { consistent: consistency?.within ?? 0 }) };
}
