import type { StartedTarget, TargetNode } from '../target.js';

/**
 * The small capabilities a kubernetes target offers beyond TargetNode and StartedTarget, for the
 * faults and probes that only make sense on a cluster (delete-pod, the kubernetes probe). Types
 * only: checking for them loads no Kubernetes client.
 */
export interface PodDeletion {
  /** Deletes the node's current pod with that grace period; resolves once the API no longer has it. */
  deletePod(gracePeriodSeconds: number): Promise<{ pod: string; uid: string }>;
}

export const objectKinds = ['pod', 'service', 'statefulset', 'deployment'] as const;
export type ObjectKind = (typeof objectKinds)[number];

/** How ready an object is: its Ready pods, ready endpoints or ready replicas, against what it wants. */
export interface ObjectReadiness {
  ready: number;
  /** A pod: 1; a Service: all its endpoints; a workload: spec.replicas. */
  desired: number;
  /** "2/3 ready replicas", "Pending: ContainerCreating". */
  detail: string;
}

export interface ClusterObjects {
  /** The namespace objects are looked up in when the probe names none. */
  readonly namespace: string;
  /** Reads the object's state from the API now; a missing object reads as 0 ready. */
  readiness(kind: ObjectKind, name: string, namespace?: string): Promise<ObjectReadiness>;
}

export function canDeletePod(node: TargetNode): node is TargetNode & PodDeletion {
  return typeof (node as Partial<PodDeletion>).deletePod === 'function';
}

/** The target's cluster, when it is a kubernetes target. */
export function clusterObjects(target: StartedTarget): ClusterObjects | undefined {
  const candidate = (target as { cluster?: ClusterObjects }).cluster;
  return candidate && typeof candidate.readiness === 'function' ? candidate : undefined;
}
