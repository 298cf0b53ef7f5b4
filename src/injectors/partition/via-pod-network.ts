import { FaultNoEffectError } from '../../common/errors.js';
import type { NetnsSidecar } from '../../targets/docker/netns-sidecar.js';
import { apiMessage, connectCluster, type Cluster } from '../../targets/kubernetes/cluster.js';
import { revertInPodNetns, startPodNetnsHelper } from '../../targets/kubernetes/ephemeral-netns.js';
import type { NodeRef, StartedTarget } from '../../targets/target.js';
import type { NodeCut } from './via-network.js';

type PodRef = Extract<NodeRef, { kind: 'pod' }>;

/** The client of the cluster a pod's ref names (the run's kubeconfig and context). */
function clusterOfPod(ref: PodRef): Cluster {
  return connectCluster({ kubeconfig: ref.kubeconfig, context: ref.context, baseDir: process.cwd() });
}

/** An undo step's rules removed from a pod's network namespace through a fresh helper. */
export function revertPodRules(ref: PodRef, command: readonly string[]): Promise<string> {
  return revertInPodNetns(clusterOfPod(ref), { ...ref }, command);
}

/**
 * Each node's pod and the pod IPs of the nodes on the other sides. Pod IPs, not Service addresses:
 * a Service's traffic is rewritten to the pod's IP before it leaves the node's bridge, so the
 * receiving side's INPUT rules see the sender's pod IP whichever way it was addressed.
 */
export async function planPodCuts(target: StartedTarget, groups: readonly string[][]): Promise<NodeCut[]> {
  const address = new Map<string, string>();
  const refs = new Map<string, PodRef>();
  for (const name of groups.flat()) {
    const ref = target.node(name).ref() as PodRef;
    refs.set(name, ref);
    const pod = await clusterOfPod(ref)
      .core.readNamespacedPod({ name: ref.pod, namespace: ref.namespace })
      .catch((error: unknown) => {
        throw new FaultNoEffectError(`node ${name}: could not read pod ${ref.pod}: ${apiMessage(error)}`);
      });
    const ip = pod.status?.podIP;
    if (pod.metadata?.uid !== ref.uid || !ip)
      throw new FaultNoEffectError(
        `node ${name} has no running pod with an IP (pod ${ref.pod} was replaced or is starting)`,
      );
    address.set(name, ip);
  }
  return groups.flatMap((group, g) =>
    group.map((node) => ({
      node,
      ref: refs.get(node)!,
      peers: groups
        .filter((_, other) => other !== g)
        .flat()
        .map((peer) => address.get(peer)!),
    })),
  );
}

/** One NET_ADMIN ephemeral container per pod, started in prepare so that inject is one exec each. */
export async function startPodHelpers(cuts: readonly NodeCut[]): Promise<Map<string, NetnsSidecar>> {
  const started = await Promise.allSettled(
    cuts.map((cut) => {
      const ref = cut.ref as PodRef;
      return startPodNetnsHelper(clusterOfPod(ref), { namespace: ref.namespace, pod: ref.pod, uid: ref.uid });
    }),
  );
  const helpers = new Map<string, NetnsSidecar>();
  started.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') helpers.set(cuts[i]!.node, outcome.value);
  });
  const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) {
    await Promise.allSettled([...helpers.values()].map((helper) => helper.remove()));
    throw failed.reason;
  }
  return helpers;
}
