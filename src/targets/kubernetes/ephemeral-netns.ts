import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { V1ContainerState, V1EphemeralContainer, V1Pod } from '@kubernetes/client-node';
import { TargetError, TimeoutError } from '../../common/errors.js';
import { images } from '../../common/images.js';
import type { ExecResult } from '../target.js';
import { apiMessage, apiStatus, type Cluster } from './cluster.js';
import { execInPod } from './pod-exec.js';

/** The pod whose network namespace a helper joins; `uid` refuses a replacement with the same name. */
export interface PodNetnsAddress {
  namespace: string;
  pod: string;
  uid?: string;
}

/** A NET_ADMIN helper running in a pod's network namespace: a command in it is one exec. */
export interface PodNetnsHelper {
  readonly container: string;
  exec(command: readonly string[], timeoutMs?: number): Promise<ExecResult>;
  /** Ends the helper. An ephemeral container cannot be deleted; it stays in the pod as terminated. */
  remove(): Promise<void>;
}

/** The pod is gone, replaced (another uid) or not running: its namespace, and any rule in it, with it. */
export class PodNetnsGoneError extends TargetError {}

/** Longest a helper lives if nobody ends it (a crash between prepare and inject). */
const HELPER_LIFETIME_S = 600;
const POLL_MS = 200;

/** Names start with this, so a pod's helpers are recognisable in `kubectl describe`. */
export const HELPER_PREFIX = 'firedrill-netns-';

/**
 * Adds an ephemeral container of the nettools image with NET_ADMIN to the pod and waits until it
 * runs. Every container of a pod shares the pod's network namespace, so its iptables rules are
 * the pod's: the workload's image needs no iptables, as with the docker sidecar. It sleeps a
 * bounded time (SIGTERM ends it at once), then ends by itself.
 */
export async function startPodNetnsHelper(
  cluster: Cluster,
  where: PodNetnsAddress,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<PodNetnsHelper> {
  const container = `${HELPER_PREFIX}${randomBytes(4).toString('hex')}`;
  const spec: V1EphemeralContainer = {
    name: container,
    image: images.nettools,
    // Present on the node (loaded, as on the local cluster) it is used as is; else it is pulled.
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', `trap 'exit 0' TERM INT; sleep ${HELPER_LIFETIME_S} & wait`],
    securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
  };
  await addEphemeralContainer(cluster, where, spec);
  await waitUntilRunning(cluster, where, container, options.timeoutMs ?? 60_000, options.signal);
  const address = { namespace: where.namespace, pod: where.pod, container };
  return {
    container,
    exec: (command, timeoutMs = 30_000) => execInPod(cluster, address, command, { timeoutMs }),
    // `kill 1` reaches the helper's own shell: the pod's process namespace is not shared with it.
    remove: () =>
      execInPod(cluster, address, ['kill', '1'], { timeoutMs: 10_000 }).then(
        () => undefined,
        () => undefined,
      ),
  };
}

/** One command in the pod's network namespace, from a fresh helper that is ended afterwards. */
export async function runInPodNetns(
  cluster: Cluster,
  where: PodNetnsAddress,
  command: readonly string[],
  timeoutMs = 60_000,
): Promise<ExecResult> {
  const helper = await startPodNetnsHelper(cluster, where, { timeoutMs });
  try {
    return await helper.exec(command, timeoutMs);
  } finally {
    await helper.remove();
  }
}

async function readPod(cluster: Cluster, where: PodNetnsAddress): Promise<V1Pod> {
  const pod = await cluster.core
    .readNamespacedPod({ name: where.pod, namespace: where.namespace })
    .catch((error: unknown) => {
      if (apiStatus(error) === 404)
        throw new PodNetnsGoneError(`pod ${where.namespace}/${where.pod} is gone`);
      throw new TargetError(`could not read pod ${where.namespace}/${where.pod}: ${apiMessage(error)}`);
    });
  if (where.uid !== undefined && pod.metadata?.uid !== where.uid)
    throw new PodNetnsGoneError(
      `pod ${where.namespace}/${where.pod} was replaced (uid ${where.uid} is gone)`,
    );
  if (pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp)
    throw new PodNetnsGoneError(`pod ${where.namespace}/${where.pod} is not running (${pod.status?.phase})`);
  return pod;
}

/** Appends the container through the pod's ephemeralcontainers subresource (retried on a write conflict). */
async function addEphemeralContainer(
  cluster: Cluster,
  where: PodNetnsAddress,
  spec: V1EphemeralContainer,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const pod = await readPod(cluster, where);
    pod.spec!.ephemeralContainers = [...(pod.spec!.ephemeralContainers ?? []), spec];
    try {
      await cluster.core.replaceNamespacedPodEphemeralcontainers({
        name: where.pod,
        namespace: where.namespace,
        body: pod,
      });
      return;
    } catch (error) {
      if (apiStatus(error) === 409 && attempt < 5) continue;
      throw new TargetError(
        `could not add a network helper to pod ${where.namespace}/${where.pod}: ${apiMessage(error)}`,
        {
          hint: 'the runner needs update on pods/ephemeralcontainers (scenarios/kubernetes/manifests/rbac.yaml)',
        },
      );
    }
  }
}

/** Image problems the kubelet will not get over by itself: failing now beats timing out. */
const HOPELESS = /ErrImageNeverPull|ImagePullBackOff|ErrImagePull|InvalidImageName|CreateContainerError/;

async function waitUntilRunning(
  cluster: Cluster,
  where: PodNetnsAddress,
  container: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: V1ContainerState | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const pod = await readPod(cluster, where);
    last = pod.status?.ephemeralContainerStatuses?.find((s) => s.name === container)?.state;
    if (last?.running) return;
    if (last?.terminated)
      throw new TargetError(`the network helper in pod ${where.pod} ended at once: ${describe(last)}`);
    if (last?.waiting?.reason && HOPELESS.test(last.waiting.reason))
      throw new TargetError(`the network helper in pod ${where.pod} cannot start: ${describe(last)}`, {
        hint: `the image ${images.nettools} must be on the node (npm run k8s:up loads it) or pullable`,
      });
    if (Date.now() >= deadline)
      throw new TimeoutError(
        `the network helper in pod ${where.pod} did not run within ${timeoutMs}ms (${describe(last)})`,
      );
    await sleep(POLL_MS, undefined, { signal });
  }
}

function describe(state: V1ContainerState | undefined): string {
  if (!state) return 'no status yet';
  if (state.waiting) return `waiting: ${state.waiting.reason ?? '?'} ${state.waiting.message ?? ''}`.trim();
  if (state.terminated) return `exit ${state.terminated.exitCode} (${state.terminated.reason ?? ''})`;
  return 'running';
}

/**
 * An undo step's command in a pod's network namespace, through a fresh helper. The rules live in
 * the pod's sandbox, so they outlive a container restart; a pod deleted or replaced (another uid)
 * took its namespace, and the rules, with it: nothing is left to revert.
 */
export async function revertInPodNetns(
  cluster: Cluster,
  where: PodNetnsAddress & { node: string },
  command: readonly string[],
): Promise<string> {
  const result = await runInPodNetns(cluster, where, command).catch((error: unknown) => {
    if (error instanceof PodNetnsGoneError) return undefined;
    throw error;
  });
  if (!result) return `${where.node}: pod ${where.pod} is gone or replaced, its network rules went with it`;
  if (result.exitCode !== 0)
    throw new Error(`exit ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`);
  return `reverted network rules of ${where.node} (pod ${where.pod})`;
}
