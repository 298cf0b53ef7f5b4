import { FaultNoEffectError } from '../common/errors.js';
import { defineInjector } from './injector.js';
import { startSchema } from './node-fault-schema.js';
import { nodeFault, refLabel } from './node-fault.js';
import { describeSelection } from './node-selection.js';

/** `start`: brings a stopped node back (e.g. after a `stop` without duration); waits until it is ready. */
export const startInjector = defineInjector({
  schema: startSchema,
  describe: (config) => `start ${describeSelection(config)}`,
  create: (config) =>
    nodeFault(config, {
      async apply(node, effect) {
        if (await node.isRunning()) {
          throw new FaultNoEffectError(`cannot start node ${node.name}: it is already running`, {
            hint: 'a start fault brings back a node that an earlier stop or kill left down',
          });
        }
        await effect.around(() => node.start());
        if (!(await node.isRunning()))
          throw new FaultNoEffectError(`node ${node.name} is not running after start`);
        return `started ${node.name} (${refLabel(node.ref())})`;
      },
    }),
});
