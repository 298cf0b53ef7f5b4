import type { V1Pod } from '@kubernetes/client-node';
import type { Clock } from '../../common/clock.js';
import { FaultNoEffectError, TargetError } from '../../common/errors.js';
import { pollUntil } from '../process/poll.js';
import type { ExecResult, NodeRef, TargetNode } from '../target.js';
import type { Cluster } from './cluster.js';
import { deletePodVerified } from './pod-deletion.js';

export type { PodIdentity } from './pod-state.js';
import type { NodeAgents } from './node-agent.js';
import type { PodCache } from './pod-cache.js';
import { execInPod } from './pod-exec.js';
import type { PodOutput } from './pod-output.js';
import {
  choosePod,
  describePod,
  exitReported,
  identityOf,
  isContainerRunning,
  isReady,
  type PodIdentity,
  type PodChoice,
} from './pod-state.js';

const VERIFY_MS = 30_000;
const POLL_MS = 20;

export interface PodNodeOptions {
  name: string;
  choice: PodChoice;
  /** The container acted on; resolved at start (the pod's first when not given). */
  container: string;
  cluster: Cluster;
  pods: PodCache;
  agents: NodeAgents;
  output: PodOutput;
  clock: Clock;
  readyTimeoutMs: number;
  /** Aborted when the target stops: bounds the waits. */
  signal: AbortSignal;
  /** Container port → local port on 127.0.0.1 (port-forwards). */
  ports: Readonly<Record<number, number>>;
}

/**
 * A pod's container as faults see it. The pod is looked up again for every action, by name or
 * selector, so a replaced pod is acted on once the API knows it. Kubernetes keeps a pod's
 * containers running (restartPolicy Always), so: `kill` SIGKILLs the main process (through the
 * node agent) and waits until the kubelet reports the restart; `stop` is SIGTERM to it (the kubelet
 * starts it again: a container cannot stay stopped in a pod); `start` waits until the pod is Ready;
 * `pause` SIGSTOPs all its processes, `resume` SIGCONTs them.
 */
export class PodNode implements TargetNode {
  constructor(private readonly options: PodNodeOptions) {}

  get name(): string {
    return this.options.name;
  }

  get ports(): Readonly<Record<number, number>> {
    return this.options.ports;
  }

  /** The node's current pod (undefined while it has none, or the selector is ambiguous). */
  pod(): V1Pod | undefined {
    return choosePod(this.options.pods.pods(), this.options.choice).pod;
  }

  /** Namespace, pod name, container, uid, IP and runtime ids of the current pod; throws without one. */
  identity(): PodIdentity {
    const pod = this.pod();
    if (!pod) throw new TargetError(`node ${this.name} has no pod right now (${this.describeChoice()})`);
    return identityOf(pod, this.options.container);
  }

  ref(): NodeRef {
    const { namespace, pod, container, uid } = this.identity();
    const { kubeconfigFile, context } = this.options.cluster;
    return {
      kind: 'pod',
      node: this.name,
      namespace,
      pod,
      container,
      uid,
      kubeconfig: kubeconfigFile,
      context,
    };
  }

  async isRunning(): Promise<boolean> {
    const pod = this.pod();
    return pod !== undefined && isContainerRunning(pod, this.options.container);
  }

  /** Waits until the node has a pod whose container runs and which is Ready. */
  async waitReady(timeoutMs = this.options.readyTimeoutMs): Promise<void> {
    const ready = await pollUntil(
      () => {
        const pod = this.pod();
        return pod !== undefined && isReady(pod) && isContainerRunning(pod, this.options.container);
      },
      { clock: this.options.clock, timeoutMs, intervalMs: POLL_MS * 5, signal: this.options.signal },
    );
    if (!ready) {
      const { pod, ambiguous } = choosePod(this.options.pods.pods(), this.options.choice);
      throw new TargetError(
        `node ${this.name}: ${ambiguous ? `selector matches ${ambiguous.length} pods (${ambiguous.join(', ')})` : `pod not Ready within ${timeoutMs / 1000}s (${describePod(pod, this.options.container)})`}`,
        {
          hint: ambiguous
            ? 'use a selector that matches one pod, or `pod: <name>`'
            : `${this.describeChoice()} in namespace ${this.options.pods.namespace}; \`kubectl describe pod\` tells why`,
        },
      );
    }
  }

  async kill(): Promise<void> {
    await this.signalMain('kill', 'SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signalMain('term', 'SIGTERM');
  }

  /** The kubelet brings the container back by itself: waits until it runs and the pod is Ready. */
  async start(): Promise<void> {
    await this.waitReady();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.waitReady();
  }

  async pause(): Promise<void> {
    const id = this.runningIdentity('pause');
    await this.options.agents.act(id.nodeName!, id.containerId!, 'stop');
  }

  /** Nothing to resume when no process is stopped (restarted or replaced meanwhile): not an error. */
  async resume(): Promise<void> {
    if (!(await this.isPaused())) return;
    const id = this.identity();
    await this.options.agents.act(id.nodeName!, id.containerId!, 'cont');
  }

  async isPaused(): Promise<boolean> {
    const id = this.identity();
    if (!id.nodeName || !id.containerId || !(await this.isRunning())) return false;
    const said = await this.options.agents.act(id.nodeName, id.containerId, 'stopped').catch(() => '0 0');
    return Number(said.split(' ')[0]) > 0;
  }

  exec(
    command: readonly string[],
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<ExecResult> {
    const { namespace, pod, container } = this.identity();
    return execInPod(this.options.cluster, { namespace, pod, container }, command, options);
  }

  onOutput(listener: (line: string, at: number) => void): () => void {
    return this.options.output.subscribe(listener);
  }

  /**
   * Deletes the current pod with the given grace period and resolves once the API no longer
   * serves it (the name is gone, or it carries a new uid). Its controller, if any, recreates it.
   */
  async deletePod(gracePeriodSeconds: number): Promise<{ pod: string; uid: string }> {
    const { namespace, pod, uid } = this.identity();
    await deletePodVerified(this.options.cluster, { namespace, pod, uid }, gracePeriodSeconds, this.options);
    return { pod, uid };
  }

  /**
   * Signals the container's main process from the node agent, verified by the kernel (the process
   * is gone), then waits until the API reports the container's exit or restart, so that the next
   * look at the node (isRunning, a probe of the kubelet's view) sees the fault.
   */
  private async signalMain(action: 'kill' | 'term', signalName: string): Promise<void> {
    const before = this.runningIdentity(action === 'kill' ? 'kill' : 'stop');
    const grace = action === 'term' ? this.terminationGraceMs() : 5_000;
    await this.options.agents.act(before.nodeName!, before.containerId!, action, grace);
    const noticed = await pollUntil(() => exitReported(this.pod(), this.options.container, before), {
      clock: this.options.clock,
      timeoutMs: VERIFY_MS,
      intervalMs: POLL_MS,
      signal: this.options.signal,
    });
    if (!noticed)
      throw new FaultNoEffectError(
        `${signalName} ended the main process of ${before.namespace}/${before.pod} (${before.container}), but the kubelet reported no exit within ${VERIFY_MS / 1000}s`,
      );
  }

  private runningIdentity(verb: string): PodIdentity & { nodeName: string; containerId: string } {
    const pod = this.pod();
    if (!pod || !isContainerRunning(pod, this.options.container))
      throw new FaultNoEffectError(
        `cannot ${verb} node ${this.name}: its container is not running (${describePod(pod, this.options.container)})`,
      );
    const id = this.identity();
    if (!id.nodeName || !id.containerId)
      throw new FaultNoEffectError(
        `cannot ${verb} node ${this.name}: the API reports no node or container id yet`,
      );
    return id as PodIdentity & { nodeName: string; containerId: string };
  }

  private terminationGraceMs(): number {
    return ((this.pod()?.spec?.terminationGracePeriodSeconds ?? 30) + 5) * 1000;
  }

  private describeChoice(): string {
    const choice = this.options.choice;
    return 'pod' in choice ? `pod ${choice.pod}` : `selector ${choice.selector}`;
  }
}
