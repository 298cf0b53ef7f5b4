import type { Clock } from '../../common/clock.js';
import { TargetError } from '../../common/errors.js';
import { pollUntil } from '../process/poll.js';
import type { Resource } from '../target.js';
import { apiMessage, apiStatus, type Cluster } from './cluster.js';
import { runMetadata, runNamespaceName } from './labels.js';

const GONE_TIMEOUT_MS = 180_000;

/** The namespace a run works in: the one the scenario names, or one made for the run. */
export interface RunNamespace {
  name: string;
  /** True when the run made it (and so deletes it). */
  owned: boolean;
}

export async function openNamespace(
  cluster: Cluster,
  options: { given?: string; runId: string; record(resource: Resource): Promise<void> },
): Promise<RunNamespace> {
  if (options.given !== undefined) {
    await cluster.core.readNamespace({ name: options.given }).catch((error: unknown) => {
      throw new TargetError(`namespace ${options.given}: ${apiMessage(error)}`, {
        hint:
          apiStatus(error) === 404
            ? 'create it first, or leave target.namespace out: firedrill then makes one for the run'
            : `the kubeconfig ${cluster.kubeconfigFile} (context ${cluster.context}) must reach the cluster and may read namespaces`,
      });
    });
    return { name: options.given, owned: false };
  }
  const name = runNamespaceName(options.runId);
  const meta = runMetadata(options.runId);
  const made = await cluster.core
    .createNamespace({ body: { metadata: { name, labels: meta.labels, annotations: meta.annotations } } })
    .catch((error: unknown) => {
      throw new TargetError(`could not create the run's namespace ${name}: ${apiMessage(error)}`, {
        hint: `is the cluster reachable through ${cluster.kubeconfigFile} (context ${cluster.context})? \`firedrill doctor\` checks it`,
      });
    });
  await options.record({
    kind: 'kubernetes',
    apiVersion: 'v1',
    objectKind: 'Namespace',
    name,
    ...(made.metadata?.uid && { uid: made.metadata.uid }),
    kubeconfig: cluster.kubeconfigFile,
    context: cluster.context,
    description: `namespace ${name}`,
  });
  return { name, owned: true };
}

/**
 * Deletes a namespace the run made, with everything in it, and waits until the API no longer has
 * it (namespace deletion finishes in the background, once its pods are gone).
 */
export async function deleteNamespace(cluster: Cluster, name: string, clock: Clock): Promise<void> {
  await cluster.core.deleteNamespace({ name }).catch((error: unknown) => {
    if (apiStatus(error) !== 404)
      throw new TargetError(`could not delete namespace ${name}: ${apiMessage(error)}`);
  });
  const gone = await pollUntil(
    () =>
      cluster.core.readNamespace({ name }).then(
        () => false,
        (error: unknown) => apiStatus(error) === 404,
      ),
    { clock, timeoutMs: GONE_TIMEOUT_MS, intervalMs: 500 },
  );
  if (!gone)
    throw new TargetError(
      `namespace ${name} was still terminating ${GONE_TIMEOUT_MS / 1000}s after its deletion`,
      {
        hint: '`kubectl get namespace -o yaml` shows what holds it; `firedrill cleanup` deletes it later',
      },
    );
}
