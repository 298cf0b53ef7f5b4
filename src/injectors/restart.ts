import { FaultNoEffectError } from '../common/errors.js';
import type { NodeRef } from '../targets/target.js';
import { defineInjector } from './injector.js';
import { restartSchema } from './node-fault-schema.js';
import { nodeFault, refLabel, requireRunning } from './node-fault.js';
import { describeSelection } from './node-selection.js';

/** `restart`: a graceful stop followed at once by a start; it heals itself, so there is nothing to undo. */
export const restartInjector = defineInjector({
  schema: restartSchema,
  describe: (config) => `restart ${describeSelection(config)}`,
  create: (config) =>
    nodeFault(config, {
      async apply(node, effect) {
        await requireRunning(node, 'restart');
        const before = node.ref();
        await effect.around(() => node.restart());
        const after = node.ref();
        if (!(await node.isRunning()) || sameIncarnation(before, after)) {
          throw new FaultNoEffectError(`node ${node.name} (${refLabel(before)}) was not restarted`);
        }
        return `restarted ${node.name} (${refLabel(before)} → ${refLabel(after)})`;
      },
    }),
});

function sameIncarnation(a: NodeRef, b: NodeRef): boolean {
  // A container keeps its id across restarts: only a process's identity tells incarnations apart.
  return a.kind === 'process' && b.kind === 'process' && a.pid === b.pid && a.startTime === b.startTime;
}
