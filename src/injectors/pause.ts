import { formatDuration } from '../common/duration.js';
import { defineInjector } from './injector.js';
import { pauseSchema } from './node-fault-schema.js';
import { nodeFault, refLabel, requireRunning } from './node-fault.js';
import { describeSelection } from './node-selection.js';

/** `pause`: freezes the node (SIGSTOP to a process group, docker pause); undone by resuming it. */
export const pauseInjector = defineInjector({
  schema: pauseSchema,
  describe: (config) =>
    `pause ${describeSelection(config)}` +
    (config.duration === undefined ? ' until the drill ends' : ` for ${formatDuration(config.duration)}`),
  create: (config) =>
    nodeFault(config, {
      undo: (node) => [{ action: 'node.resume', ref: node.ref(), description: `resume ${node.name}` }],
      async apply(node, effect) {
        await requireRunning(node, 'pause');
        await effect.around(() => node.pause());
        return `paused ${node.name} (${refLabel(node.ref())})`;
      },
    }),
});
