import type { KubernetesObject } from '@kubernetes/client-node';
import { OWNER_LABEL, RUN_LABEL } from '../common/docker.js';
import { errorMessage } from '../common/errors.js';
import { apiMessage, apiStatus, connectCluster, type Cluster } from '../targets/kubernetes/cluster.js';
import type { CleanupLine } from './cleanup.js';
import { liveOwner } from './cleanup-owner.js';

/** A kubeconfig file and context a run used; both absent: the defaults ($KUBECONFIG, its current context). */
export interface ClusterAddress {
  kubeconfig?: string;
  context?: string;
}

/** The kinds firedrill creates outside its run namespaces: manifest objects in a given namespace, helper pods. */
interface SweptKind {
  kind: string;
  list(cluster: Cluster, labelSelector: string): Promise<KubernetesObject[]>;
  remove(cluster: Cluster, name: string, namespace: string): Promise<unknown>;
}

const sweptKinds: SweptKind[] = [
  {
    kind: 'statefulset',
    list: (c, labelSelector) =>
      c.apps.listStatefulSetForAllNamespaces({ labelSelector }).then((l) => l.items),
    remove: (c, name, namespace) =>
      c.apps.deleteNamespacedStatefulSet({ name, namespace, propagationPolicy: 'Background' }),
  },
  {
    kind: 'deployment',
    list: (c, labelSelector) => c.apps.listDeploymentForAllNamespaces({ labelSelector }).then((l) => l.items),
    remove: (c, name, namespace) =>
      c.apps.deleteNamespacedDeployment({ name, namespace, propagationPolicy: 'Background' }),
  },
  {
    kind: 'service',
    list: (c, labelSelector) => c.core.listServiceForAllNamespaces({ labelSelector }).then((l) => l.items),
    remove: (c, name, namespace) => c.core.deleteNamespacedService({ name, namespace }),
  },
  {
    kind: 'configmap',
    list: (c, labelSelector) => c.core.listConfigMapForAllNamespaces({ labelSelector }).then((l) => l.items),
    remove: (c, name, namespace) => c.core.deleteNamespacedConfigMap({ name, namespace }),
  },
  {
    kind: 'pod',
    list: (c, labelSelector) => c.core.listPodForAllNamespaces({ labelSelector }).then((l) => l.items),
    remove: (c, name, namespace) => c.core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }),
  },
];

/**
 * Deletes, in each cluster, the namespaces and objects labelled `firedrill.run` whose run is not
 * alive: not a live run of this state directory, and not made by a process still running (the
 * `firedrill.owner` annotation, `<host>:<pid>`; a process on another host counts as alive).
 * `force` deletes them all. A cluster that cannot be reached is skipped with a line saying so,
 * unless it is only the default kubeconfig of a machine that has none.
 */
export async function sweepKubernetes(
  addresses: readonly ClusterAddress[],
  liveRuns: ReadonlySet<string>,
  force: boolean,
  /** Narrows the sweep (`firedrill.run in (a, b)`): tests on a shared cluster touch only their own. */
  labelSelector = RUN_LABEL,
): Promise<CleanupLine[]> {
  const lines: CleanupLine[] = [];
  const seen = new Set<string>();
  for (const address of addresses) {
    const cluster = connectQuietly(address);
    if (!cluster) continue;
    const key = `${cluster.config.getCurrentCluster()?.server} ${cluster.context}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      lines.push(...(await sweepCluster(cluster, { liveRuns, force, labelSelector })));
    } catch (error) {
      if (address.kubeconfig === undefined && apiStatus(error) === undefined) continue;
      lines.push({
        runId: '?',
        ok: false,
        text: `could not sweep the cluster of context ${cluster.context}: ${apiMessage(error)}`,
      });
    }
  }
  return lines;
}

function connectQuietly(address: ClusterAddress): Cluster | undefined {
  try {
    return connectCluster({ ...address, baseDir: process.cwd() });
  } catch {
    return undefined;
  }
}

async function sweepCluster(
  cluster: Cluster,
  {
    liveRuns,
    force,
    labelSelector,
  }: { liveRuns: ReadonlySet<string>; force: boolean; labelSelector: string },
): Promise<CleanupLine[]> {
  const lines: CleanupLine[] = [];
  const leftAlone = new Set<string>();
  /** The run id of a labelled object to delete, or undefined when its run or owner is alive. */
  const leftoverRun = (object: KubernetesObject): string | undefined => {
    const runId = object.metadata?.labels?.[RUN_LABEL] ?? '?';
    if (liveRuns.has(runId)) return undefined;
    const owner = force ? undefined : liveOwner(object.metadata?.annotations?.[OWNER_LABEL]);
    if (owner === undefined) return runId;
    if (!leftAlone.has(runId))
      lines.push({ runId, ok: true, text: `created by ${owner}, still running: left alone` });
    leftAlone.add(runId);
    return undefined;
  };
  const deleted = new Set<string>();
  // The first call also tells whether the cluster answers: an unreachable server must not hold cleanup.
  const namespaces = await withinReach(cluster.core.listNamespace({ labelSelector }));
  for (const namespace of namespaces.items) {
    const runId = leftoverRun(namespace);
    const name = namespace.metadata?.name;
    if (runId === undefined || !name) continue;
    deleted.add(name);
    if (namespace.status?.phase === 'Terminating') continue;
    lines.push(await deleting(runId, `namespace ${name}`, () => cluster.core.deleteNamespace({ name })));
  }
  for (const swept of sweptKinds) {
    for (const object of await swept.list(cluster, labelSelector)) {
      const { name, namespace } = object.metadata ?? {};
      // Objects of a namespace being deleted go with it.
      if (!name || !namespace || deleted.has(namespace) || object.metadata?.deletionTimestamp) continue;
      const runId = leftoverRun(object);
      if (runId === undefined) continue;
      lines.push(
        await deleting(runId, `${swept.kind} ${namespace}/${name}`, () =>
          swept.remove(cluster, name, namespace),
        ),
      );
    }
  }
  return lines;
}

const REACH_TIMEOUT_MS = 10_000;

/** The client takes no AbortSignal: a server that never answers is given up on here (the call is left to fail later). */
async function withinReach<T>(call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${REACH_TIMEOUT_MS}ms`)), REACH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function deleting(runId: string, what: string, remove: () => Promise<unknown>): Promise<CleanupLine> {
  try {
    await remove();
    return { runId, ok: true, text: `deleted leftover ${what}` };
  } catch (error) {
    if (apiStatus(error) === 404) return { runId, ok: true, text: `leftover ${what} was already gone` };
    return {
      runId,
      ok: false,
      text: `could not delete leftover ${what}: ${apiMessage(error) || errorMessage(error)}`,
    };
  }
}
