import { formatDuration } from '../common/duration.js';
import { FaultNoEffectError } from '../common/errors.js';
import { defineInjector } from './injector.js';
import { stopSchema } from './node-fault-schema.js';
import { nodeFault, refLabel, requireRunning } from './node-fault.js';
import { describeSelection } from './node-selection.js';

/** `stop`: a graceful stop (SIGTERM, then SIGKILL after the grace period); nothing restarts it until undone. */
export const stopInjector = defineInjector({
  schema: stopSchema,
  describe: (config) =>
    `stop ${describeSelection(config)} gracefully` +
    (config.duration === undefined
      ? ' until the drill ends'
      : `, start it again after ${formatDuration(config.duration)}`),
  create: (config) =>
    nodeFault(config, {
      undo: (node) => [{ action: 'node.start', ref: node.ref(), description: `start ${node.name} again` }],
      async apply(node, effect) {
        await requireRunning(node, 'stop');
        const ref = node.ref();
        await effect.around(() => node.stop());
        if (await node.isRunning())
          throw new FaultNoEffectError(`node ${node.name} is still running after stop`);
        return `stopped ${node.name} (${refLabel(ref)})`;
      },
    }),
});
