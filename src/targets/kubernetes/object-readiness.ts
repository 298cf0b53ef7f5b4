import * as k8s from '@kubernetes/client-node';
import { apiMessage, apiStatus, type Cluster } from './cluster.js';
import type { ClusterObjects, ObjectKind, ObjectReadiness } from './cluster-access.js';
import { describePod, isReady } from './pod-state.js';

/** Reads pods, Services (their EndpointSlices) and workloads for the kubernetes probe. */
export class ClusterObjectReader implements ClusterObjects {
  private readonly discovery: k8s.DiscoveryV1Api;

  constructor(
    private readonly cluster: Cluster,
    readonly namespace: string,
  ) {
    this.discovery = cluster.config.makeApiClient(k8s.DiscoveryV1Api);
  }

  async readiness(kind: ObjectKind, name: string, namespace = this.namespace): Promise<ObjectReadiness> {
    try {
      return await this.read(kind, name, namespace);
    } catch (error) {
      if (apiStatus(error) === 404)
        return { ready: 0, desired: 0, detail: `${kind} ${namespace}/${name} not found` };
      throw new Error(`reading ${kind} ${namespace}/${name}: ${apiMessage(error)}`);
    }
  }

  private async read(kind: ObjectKind, name: string, namespace: string): Promise<ObjectReadiness> {
    switch (kind) {
      case 'pod': {
        const pod = await this.cluster.core.readNamespacedPod({ name, namespace });
        const ready = isReady(pod) && !pod.metadata?.deletionTimestamp ? 1 : 0;
        const container = pod.spec?.containers[0]?.name ?? '';
        return { ready, desired: 1, detail: describePod(pod, container) };
      }
      case 'service':
        return this.serviceEndpoints(name, namespace);
      case 'statefulset': {
        const set = await this.cluster.apps.readNamespacedStatefulSet({ name, namespace });
        return replicas(set.status?.readyReplicas, set.spec?.replicas);
      }
      case 'deployment': {
        const deployment = await this.cluster.apps.readNamespacedDeployment({ name, namespace });
        return replicas(deployment.status?.readyReplicas, deployment.spec?.replicas);
      }
    }
  }

  /** A Service's endpoints from its EndpointSlices: those the endpoint controller marks ready. */
  private async serviceEndpoints(name: string, namespace: string): Promise<ObjectReadiness> {
    await this.cluster.core.readNamespacedService({ name, namespace });
    const slices = await this.discovery.listNamespacedEndpointSlice({
      namespace,
      labelSelector: `kubernetes.io/service-name=${name}`,
    });
    const all = new Map<string, boolean>();
    for (const slice of slices.items)
      for (const endpoint of slice.endpoints ?? []) {
        const key = endpoint.targetRef?.uid ?? endpoint.addresses.join(',');
        all.set(key, (all.get(key) ?? false) || endpoint.conditions?.ready === true);
      }
    const ready = [...all.values()].filter(Boolean).length;
    return { ready, desired: all.size, detail: `${ready}/${all.size} ready endpoints` };
  }
}

function replicas(ready: number | undefined, desired: number | undefined): ObjectReadiness {
  const want = desired ?? 1;
  return { ready: ready ?? 0, desired: want, detail: `${ready ?? 0}/${want} ready replicas` };
}
