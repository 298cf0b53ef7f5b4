import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { matchesSelector } from './labels.js';

/** How a node names its pod: directly, or by a label selector matching one live pod. */
export type PodChoice = { pod: string } | { selector: string };

/** A pod the API still serves and is not deleting (a replaced pod lingers while it terminates). */
export function isLive(pod: V1Pod): boolean {
  return (
    !pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed'
  );
}

/** The pod's Ready condition, as the kubelet reports it (readiness probes included). */
export function isReady(pod: V1Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function containerStatus(pod: V1Pod, container: string): V1ContainerStatus | undefined {
  return (pod.status?.containerStatuses ?? []).find((status) => status.name === container);
}

/** The container's runtime id without its scheme: `containerd://3f2a...` → `3f2a...`. */
export function runtimeId(status: V1ContainerStatus | undefined): string | undefined {
  const id = status?.containerID;
  return id ? id.replace(/^[a-z]+:\/\//, '') : undefined;
}

export function isContainerRunning(pod: V1Pod, container: string): boolean {
  return isLive(pod) && containerStatus(pod, container)?.state?.running !== undefined;
}

/**
 * The pod a node means, among the namespace's pods: by name (a live one), or the one live pod
 * its selector matches. Several matches: the Ready ones win (a Deployment's new pod beside the
 * old one terminating is told apart by `isLive` already); still several, it is ambiguous.
 */
export function choosePod(pods: readonly V1Pod[], choice: PodChoice): { pod?: V1Pod; ambiguous?: string[] } {
  if ('pod' in choice) {
    const pod = pods.find((p) => p.metadata?.name === choice.pod && isLive(p));
    return pod ? { pod } : {};
  }
  const matching = pods.filter((p) => isLive(p) && matchesSelector(choice.selector, p.metadata?.labels));
  if (matching.length <= 1) return matching[0] ? { pod: matching[0] } : {};
  const ready = matching.filter(isReady);
  if (ready.length === 1) return { pod: ready[0]! };
  return { ambiguous: matching.map((p) => p.metadata?.name ?? '?').sort() };
}

/** "Running, Ready", "Pending: ContainerCreating", "CrashLoopBackOff": for messages about a wait. */
export function describePod(pod: V1Pod | undefined, container: string): string {
  if (!pod) return 'no such pod';
  if (pod.metadata?.deletionTimestamp) return 'being deleted';
  const state = containerStatus(pod, container)?.state;
  const waiting = state?.waiting?.reason;
  const terminated = state?.terminated?.reason;
  const phase = pod.status?.phase ?? 'Unknown';
  const detail = waiting ?? terminated ?? (isReady(pod) ? 'Ready' : 'not Ready');
  return `${phase}: ${detail}`;
}

/**
 * Whether the API shows that the container instance `before` is over: the pod is gone or
 * replaced, or the container restarted (count up, new runtime id) or is not running.
 */
export function exitReported(
  pod: V1Pod | undefined,
  container: string,
  before: { uid: string; containerId: string | undefined; restartCount: number },
): boolean {
  if (!pod || pod.metadata?.uid !== before.uid) return true;
  const status = containerStatus(pod, container);
  return (
    (status?.restartCount ?? 0) > before.restartCount ||
    runtimeId(status) !== before.containerId ||
    status?.state?.running === undefined
  );
}

/** The pod a node acts on, as of one look-up. */
export interface PodIdentity {
  namespace: string;
  pod: string;
  container: string;
  uid: string;
  ip: string | undefined;
  /** The Kubernetes node it runs on. */
  nodeName: string | undefined;
  /** The container's runtime id (without `containerd://`). */
  containerId: string | undefined;
  restartCount: number;
}

/** The identity of a pod's container as the API reports it now. */
export function identityOf(pod: V1Pod, container: string): PodIdentity {
  const status = containerStatus(pod, container);
  return {
    namespace: pod.metadata!.namespace!,
    pod: pod.metadata!.name!,
    container,
    uid: pod.metadata!.uid!,
    ip: pod.status?.podIP,
    nodeName: pod.spec?.nodeName,
    containerId: runtimeId(status),
    restartCount: status?.restartCount ?? 0,
  };
}
