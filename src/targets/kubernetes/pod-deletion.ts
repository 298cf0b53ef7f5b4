import type { Clock } from '../../common/clock.js';
import { FaultNoEffectError, TargetError } from '../../common/errors.js';
import { pollUntil } from '../process/poll.js';
import { apiMessage, apiStatus, type Cluster } from './cluster.js';

const GONE_MS = 30_000;
const POLL_MS = 20;

/**
 * Deletes one pod (that uid only: a precondition, so a replacement that took its name is never
 * deleted by mistake) and resolves once the API no longer serves it: the name is gone, or it
 * carries a new uid (a StatefulSet already recreated it).
 */
export async function deletePodVerified(
  cluster: Cluster,
  target: { namespace: string; pod: string; uid: string },
  gracePeriodSeconds: number,
  wait: { clock: Clock; signal: AbortSignal },
): Promise<void> {
  const { namespace, pod, uid } = target;
  await cluster.core
    .deleteNamespacedPod({ name: pod, namespace, gracePeriodSeconds, body: { preconditions: { uid } } })
    .catch((error: unknown) => {
      throw new TargetError(`could not delete pod ${namespace}/${pod}: ${apiMessage(error)}`, {
        hint: 'the runner needs the pods/delete permission in the namespace',
      });
    });
  const gone = await pollUntil(
    async () => {
      const current = await cluster.core
        .readNamespacedPod({ name: pod, namespace })
        .catch((error: unknown) => {
          if (apiStatus(error) === 404) return undefined;
          throw error;
        });
      return current === undefined || current.metadata?.uid !== uid;
    },
    {
      clock: wait.clock,
      timeoutMs: GONE_MS + gracePeriodSeconds * 1000,
      intervalMs: POLL_MS,
      signal: wait.signal,
    },
  );
  if (!gone)
    throw new FaultNoEffectError(`pod ${namespace}/${pod} (uid ${uid}) was still there after its deletion`, {
      hint: 'a finalizer may hold it (`kubectl get pod -o yaml` shows metadata.finalizers)',
    });
}
