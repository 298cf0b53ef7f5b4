import { UsageError } from '../common/errors.js';
import { canDeletePod } from '../targets/kubernetes/cluster-access.js';
import { defineInjector } from './injector.js';
import { nodeFault, refLabel, requireRunning } from './node-fault.js';
import { describeSelection } from './node-selection.js';
import { deletePodSchema } from './delete-pod-schema.js';

/**
 * `delete-pod` (kubernetes target): deletes the node's pod through the API, verified once the API
 * no longer serves it; its controller (Deployment, StatefulSet) recreates it, and the node follows
 * the new pod. Recovery is the controller's business, as a restart policy's is for `kill`.
 */
export const deletePodInjector = defineInjector({
  schema: deletePodSchema,
  describe: (config) =>
    `delete the pod of ${describeSelection(config)} (grace ${config.grace_period}s); its controller recreates it`,
  create: (config) =>
    nodeFault(config, {
      async apply(node, effect) {
        if (!canDeletePod(node))
          throw new UsageError(`delete-pod needs a pod: node ${node.name} is not on a kubernetes target`, {
            hint: 'use kill or stop on docker and process nodes',
          });
        await requireRunning(node, 'delete the pod of');
        const before = refLabel(node.ref());
        const { uid } = await effect.around(() => node.deletePod(config.grace_period));
        return `deleted ${before} (uid ${uid})`;
      },
    }),
});
