import { formatDuration } from '../common/duration.js';
import { defineInjector } from './injector.js';
import { killSchema } from './node-fault-schema.js';
import { nodeFault, refLabel, requireRunning } from './node-fault.js';
import { describeSelection } from './node-selection.js';

/**
 * `kill`: SIGKILL (a container kill, a process-group SIGKILL); recovery is the target's business
 * (its restart policy). With a `duration`, a node still down afterwards is started again.
 */
export const killInjector = defineInjector({
  schema: killSchema,
  describe: (config) =>
    `kill ${describeSelection(config)} with SIGKILL` +
    (config.duration === undefined
      ? ''
      : `; start it again after ${formatDuration(config.duration)} if still down`),
  create: (config) =>
    nodeFault(config, {
      undo: (node) =>
        config.duration === undefined
          ? []
          : [
              {
                action: 'node.start',
                ref: node.ref(),
                description: `start ${node.name} again if it is still down`,
              },
            ],
      async apply(node, effect) {
        await requireRunning(node, 'kill');
        const ref = node.ref();
        await effect.around(() => node.kill());
        return `killed ${node.name} (${refLabel(ref)})`;
      },
    }),
});
