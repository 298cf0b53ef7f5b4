import type { Clock } from '../../common/clock.js';
import { TargetError, errorMessage } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { ToxiproxyServer } from '../../links/toxiproxy-server.js';
import type { StartedTarget, TemplateValues } from '../target.js';
import type { Cluster } from './cluster.js';
import type { ClusterObjects } from './cluster-access.js';
import { startToxiproxyPod, type ToxiproxyPodSettings } from './links-toxiproxy.js';
import type { AppliedManifests } from './manifests.js';
import type { NodeAgents } from './node-agent.js';
import { ClusterObjectReader } from './object-readiness.js';
import type { PodCache } from './pod-cache.js';
import type { PodNode } from './pod-node.js';
import type { PodOutput } from './pod-output.js';
import type { PortForward } from './port-forwards.js';
import { deleteNamespace, type RunNamespace } from './run-namespace.js';
import { podTemplateValues } from './template-values.js';

export interface KubernetesParts {
  cluster: Cluster;
  namespace: RunNamespace;
  pods: PodCache;
  manifests: AppliedManifests;
  agents: NodeAgents;
  clock: Clock;
  logger: Logger;
  /** What the links' Toxiproxy pod needs beyond the cluster and namespace. */
  links: Pick<ToxiproxyPodSettings, 'runId' | 'readyTimeoutMs' | 'signal' | 'record'>;
}

/**
 * The pods of a kubernetes target, with what the run made for them: the namespace (when it made
 * one), the manifests' objects, node agents, port-forwards and log followers, all undone by `stop`.
 */
export class StartedKubernetesTarget implements StartedTarget {
  readonly nodes = new Map<string, PodNode>();
  readonly outputs: PodOutput[] = [];
  readonly forwards: PortForward[] = [];
  /** For the kubernetes probe: reads objects of the cluster. */
  readonly cluster: ClusterObjects;
  private readonly lifetime = new AbortController();
  private stopped: Promise<void> | undefined;

  constructor(readonly parts: KubernetesParts) {
    this.cluster = new ClusterObjectReader(parts.cluster, parts.namespace.name);
  }

  /** The namespace the pods and manifests live in. */
  get namespace(): string {
    return this.parts.namespace.name;
  }

  /** Aborted when the target stops: bounds the waits of nodes. */
  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  node(name: string): PodNode {
    const node = this.nodes.get(name);
    if (!node)
      throw new TargetError(`no node "${name}" in the kubernetes target`, {
        hint: `nodes: ${[...this.nodes.keys()].join(', ')}`,
      });
    return node;
  }

  templateValues(): TemplateValues {
    return podTemplateValues(
      [...this.nodes.values()].map((node) => ({
        name: node.name,
        ports: node.ports,
        ip: node.pod()?.status?.podIP,
      })),
    );
  }

  /**
   * The links run in the cluster, as a Toxiproxy pod and Service in the run's namespace, so that
   * traffic between pods passes through them; the run stops them before it stops this target.
   */
  startToxiproxy(proxyPorts: readonly number[]): Promise<ToxiproxyServer> {
    const { cluster, namespace, clock, logger, links } = this.parts;
    const signal = AbortSignal.any([links.signal, this.signal]);
    return startToxiproxyPod(
      { ...links, cluster, namespace: namespace.name, clock, logger, signal },
      proxyPorts,
    );
  }

  add(node: PodNode): void {
    this.nodes.set(node.name, node);
  }

  /**
   * Closes the port-forwards and log followers, deletes the agents and the manifests' objects,
   * and the run's namespace when the run made it. `keep` leaves the cluster objects in place.
   */
  stop(options: { keep?: boolean } = {}): Promise<void> {
    this.stopped ??= this.stopAll(options.keep ?? false);
    return this.stopped;
  }

  private async stopAll(keep: boolean): Promise<void> {
    this.lifetime.abort(new TargetError('the kubernetes target was stopped'));
    const { cluster, namespace, pods, manifests, agents, clock, logger } = this.parts;
    await Promise.all(this.forwards.map((forward) => forward.close()));
    await Promise.all(this.outputs.map((output) => output.close()));
    await pods.close();
    if (keep) {
      logger.warn(
        { namespace: namespace.name },
        'left the kubernetes objects in place (--keep); remove them with `firedrill cleanup`',
      );
      return;
    }
    const problems: string[] = [];
    const attempt = async (what: string, step: () => Promise<void>): Promise<void> =>
      step().catch((error: unknown) => void problems.push(`${what}: ${errorMessage(error)}`));
    await attempt('node agents', () => agents.remove());
    await attempt('manifests', () => manifests.delete());
    if (namespace.owned) await attempt('namespace', () => deleteNamespace(cluster, namespace.name, clock));
    if (problems.length > 0)
      throw new TargetError(
        `could not remove everything the kubernetes target made: ${problems.join('; ')}`,
        {
          hint: 'run `firedrill cleanup`, or delete the objects labelled firedrill.run',
        },
      );
  }
}
