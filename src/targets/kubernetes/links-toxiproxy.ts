import type { V1Pod } from '@kubernetes/client-node';
import type { Clock } from '../../common/clock.js';
import { TargetError } from '../../common/errors.js';
import { TOXIPROXY_API_PORT, images } from '../../common/images.js';
import type { Logger } from '../../common/logger.js';
import type { ToxiproxyServer } from '../../links/toxiproxy-server.js';
import { waitForApi } from '../../links/toxiproxy-server.js';
import { pollUntil } from '../process/poll.js';
import type { Resource } from '../target.js';
import { apiMessage, apiStatus, type Cluster } from './cluster.js';
import {
  TOXIPROXY_CONTAINER,
  toxiproxyObjectName,
  toxiproxyPod,
  toxiproxyService,
} from './links-manifests.js';
import { refuseLoopback } from './links-upstream.js';
import { describePod, isLive, isReady } from './pod-state.js';
import { PortForward } from './port-forwards.js';

export interface ToxiproxyPodSettings {
  cluster: Cluster;
  namespace: string;
  runId: string;
  clock: Clock;
  logger: Logger;
  readyTimeoutMs: number;
  signal: AbortSignal;
  record(resource: Resource): Promise<void>;
}

const API_TIMEOUT_MS = 30_000;
const GONE_TIMEOUT_MS = 60_000;

/**
 * The links' Toxiproxy as a pod and a Service in the run's namespace: pods reach a link at the
 * Service's cluster IP (`${links.<l>.alias}`), the host through a port-forward on 127.0.0.1 at the
 * same port (`${links.<l>.host}`), and the harness drives the API through a port-forward too.
 */
export async function startToxiproxyPod(
  settings: ToxiproxyPodSettings,
  proxyPorts: readonly number[],
): Promise<ToxiproxyServer> {
  const made = new ToxiproxyObjects(settings);
  const forwards: PortForward[] = [];
  const closeForwards = () => Promise.all(forwards.splice(0).map((forward) => forward.close()));
  try {
    const clusterIp = await made.createService(proxyPorts);
    const pod = await made.createPodAndWait(proxyPorts);
    const current = (): V1Pod => pod;
    const api = await PortForward.open(settings.cluster, TOXIPROXY_API_PORT, current, settings.logger);
    forwards.push(api);
    for (const port of proxyPorts)
      forwards.push(await PortForward.open(settings.cluster, port, current, settings.logger, port));
    const url = `http://127.0.0.1:${api.localPort}`;
    if (!(await waitForApi(url, API_TIMEOUT_MS, settings.signal)))
      throw new TargetError(
        `Toxiproxy's API did not answer through ${url} within ${API_TIMEOUT_MS / 1000}s`,
        {
          hint: `pod ${settings.namespace}/${pod.metadata?.name}: \`kubectl logs\` shows why`,
        },
      );
    return {
      kind: 'pod',
      url,
      listenAddress: (port) => `0.0.0.0:${port}`,
      hostAddress: (port) => ({ host: '127.0.0.1', port }),
      alias: clusterIp,
      shared: false,
      checkUpstream: (link, upstream) => refuseLoopback(link, upstream),
      async stop(options = {}) {
        await closeForwards();
        if (!options.keep) await made.delete();
      },
    };
  } catch (error) {
    await closeForwards();
    await made.delete().catch(() => undefined);
    throw error;
  }
}

/** The pod and Service, recorded for cleanup before they exist, deleted by name. */
class ToxiproxyObjects {
  private readonly made: Array<'Pod' | 'Service'> = [];

  constructor(private readonly settings: ToxiproxyPodSettings) {}

  /** Creates the Service first: its cluster IP is the links' in-cluster address. */
  async createService(proxyPorts: readonly number[]): Promise<string> {
    const { cluster, namespace, runId } = this.settings;
    const body = toxiproxyService(runId, proxyPorts);
    const service = await cluster.core
      .createNamespacedService({ namespace, body })
      .catch((error: unknown) => {
        throw this.failed('Service', error);
      });
    this.made.push('Service');
    await this.record('Service', service.metadata?.uid);
    const ip = service.spec?.clusterIP;
    if (!ip || ip === 'None')
      throw new TargetError(`the links' Service ${namespace}/${body.metadata!.name} got no cluster IP`);
    return ip;
  }

  async createPodAndWait(proxyPorts: readonly number[]): Promise<V1Pod> {
    const { cluster, namespace, runId, clock, readyTimeoutMs, signal } = this.settings;
    const body = toxiproxyPod(runId, proxyPorts);
    const name = body.metadata!.name!;
    const created = await cluster.core.createNamespacedPod({ namespace, body }).catch((error: unknown) => {
      throw this.failed('Pod', error);
    });
    this.made.push('Pod');
    await this.record('Pod', created.metadata?.uid);
    let pod = created;
    const ready = await pollUntil(
      async () => {
        pod = await cluster.core.readNamespacedPod({ name, namespace });
        if (!isLive(pod))
          throw new TargetError(
            `the links' Toxiproxy pod ${namespace}/${name} ended: ${describePod(pod, TOXIPROXY_CONTAINER)}`,
          );
        return isReady(pod);
      },
      { clock, timeoutMs: readyTimeoutMs, intervalMs: 200, signal },
    );
    if (!ready)
      throw new TargetError(
        `the links' Toxiproxy pod ${namespace}/${name} was not Ready within ${readyTimeoutMs / 1000}s (${describePod(pod, TOXIPROXY_CONTAINER)})`,
        {
          hint: `is ${images.toxiproxy} present on the cluster's nodes or pullable? (scripts/setup-k8s.sh images loads it)`,
        },
      );
    return pod;
  }

  /**
   * Deletes what was made (grace 0: Toxiproxy keeps nothing worth a graceful stop) and waits until
   * the pod is gone, so that a run leaves nothing behind even in a namespace that outlives it.
   */
  async delete(): Promise<void> {
    const { cluster, namespace, runId, clock } = this.settings;
    const name = toxiproxyObjectName(runId);
    const problems: string[] = [];
    const failed = (what: string) => (error: unknown) => {
      if (apiStatus(error) !== 404) problems.push(`${what}: ${apiMessage(error)}`);
    };
    const made = this.made.splice(0);
    if (made.includes('Service'))
      await cluster.core
        .deleteNamespacedService({ name, namespace })
        .then(() => undefined, failed('Service'));
    if (made.includes('Pod')) {
      const before = problems.length;
      await cluster.core
        .deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 })
        .then(() => undefined, failed('Pod'));
      const gone =
        problems.length > before ||
        (await pollUntil(
          () =>
            cluster.core.readNamespacedPod({ name, namespace }).then(
              () => false,
              (error: unknown) => apiStatus(error) === 404,
            ),
          { clock, timeoutMs: GONE_TIMEOUT_MS, intervalMs: 200 },
        ));
      if (!gone) problems.push(`Pod: still there ${GONE_TIMEOUT_MS / 1000}s after its deletion`);
    }
    if (problems.length > 0)
      throw new TargetError(`could not delete the links' Toxiproxy ${problems.join('; ')}`, {
        hint: 'run `firedrill cleanup`, or delete the objects labelled firedrill.run',
      });
  }

  private record(kind: 'Pod' | 'Service', uid: string | undefined): Promise<void> {
    const { cluster, namespace, runId } = this.settings;
    const name = toxiproxyObjectName(runId);
    return this.settings.record({
      kind: 'kubernetes',
      apiVersion: 'v1',
      objectKind: kind,
      name,
      namespace,
      ...(uid && { uid }),
      kubeconfig: cluster.kubeconfigFile,
      context: cluster.context,
      description: `links' Toxiproxy ${kind} ${namespace}/${name}`,
    });
  }

  private failed(kind: string, error: unknown): TargetError {
    return new TargetError(
      `could not create the links' Toxiproxy ${kind} in ${this.settings.namespace}: ${apiMessage(error)}`,
      {
        hint: 'the runner needs to create pods and services in the namespace (see the Role manifest in docs/kubernetes.md)',
      },
    );
  }
}
