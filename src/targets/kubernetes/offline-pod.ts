import { TargetError } from '../../common/errors.js';
import type { ExecResult, NodeRef } from '../target.js';
import { apiStatus, connectCluster } from './cluster.js';
import { execInPod } from './pod-exec.js';

type PodRef = Extract<NodeRef, { kind: 'pod' }>;

/**
 * Undo steps on a pod recorded by a run whose firedrill process is gone (`firedrill cleanup`). They
 * act only on the very pod the run acted on (same uid): a replaced pod started afresh and carries
 * none of the fault.
 */
export async function execInRecordedPod(
  ref: PodRef,
  command: readonly string[],
  timeoutMs: number,
): Promise<ExecResult | string> {
  const cluster = connectCluster({
    ...(ref.kubeconfig && { kubeconfig: ref.kubeconfig }),
    ...(ref.context && { context: ref.context }),
    baseDir: process.cwd(),
  });
  const pod = await cluster.core
    .readNamespacedPod({ name: ref.pod, namespace: ref.namespace })
    .catch((error: unknown) => {
      if (apiStatus(error) === 404) return undefined;
      throw new TargetError(`could not read pod ${ref.namespace}/${ref.pod}`, { cause: error });
    });
  if (!pod || pod.metadata?.uid !== ref.uid)
    return `pod ${ref.namespace}/${ref.pod} (uid ${ref.uid}) is gone: nothing to revert`;
  return execInPod(cluster, ref, command, { timeoutMs });
}

/**
 * SIGCONT to every process of the container, from inside it: unlike SIGSTOP, SIGCONT wakes a
 * stopped pid 1 even from within its pid namespace, so no node agent is needed to resume.
 */
export const RESUME_COMMAND = ['sh', '-c', 'kill -CONT -1 2>/dev/null; kill -CONT 1'];
