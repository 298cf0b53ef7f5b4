import { createHash } from 'node:crypto';
import type { V1Pod } from '@kubernetes/client-node';
import type { Clock } from '../../common/clock.js';
import { TargetError } from '../../common/errors.js';
import { commandSaid } from '../../common/exec-error.js';
import { pollUntil } from '../process/poll.js';
import type { Resource } from '../target.js';
import { AGENT_SCRIPT } from './agent-script.js';
import { apiMessage, type Cluster } from './cluster.js';
import { runMetadata } from './labels.js';
import { execInPod } from './pod-exec.js';
import { isContainerRunning } from './pod-state.js';

const AGENT_CONTAINER = 'agent';
const AGENT_READY_MS = 120_000;

export interface AgentSettings {
  cluster: Cluster;
  namespace: string;
  runId: string;
  image: string;
  clock: Clock;
  signal: AbortSignal;
  record(resource: Resource): Promise<void>;
}

export type AgentAction = 'kill' | 'term' | 'stop' | 'cont' | 'stopped';

/**
 * One helper pod per cluster node, in the host's pid namespace (hostPID), through which the target
 * signals a container's processes (see agent-script.ts for why exec in the container cannot).
 * Made on first need (or ahead, by `prepare`) and deleted with the target.
 */
export class NodeAgents {
  private readonly agents = new Map<string, Promise<string>>();

  constructor(private readonly settings: AgentSettings) {}

  /** Makes sure the agent of `nodeName` runs; resolves with its pod name. */
  prepare(nodeName: string): Promise<string> {
    let agent = this.agents.get(nodeName);
    if (!agent) {
      agent = this.create(nodeName);
      // A failed start is not kept: the next fault asks again (and reports the reason).
      agent.catch(() => this.agents.delete(nodeName));
      this.agents.set(nodeName, agent);
    }
    return agent;
  }

  /** Runs the agent script on `nodeName` for the container; resolves with its stdout. */
  async act(nodeName: string, containerId: string, action: AgentAction, waitMs = 5_000): Promise<string> {
    const agent = await this.prepare(nodeName);
    const rounds = Math.max(1, Math.ceil(waitMs / 10));
    const result = await execInPod(
      this.settings.cluster,
      { namespace: this.settings.namespace, pod: agent, container: AGENT_CONTAINER },
      ['sh', '-c', AGENT_SCRIPT, 'firedrill-agent', containerId, action, String(rounds)],
      { timeoutMs: waitMs + 30_000, signal: this.settings.signal },
    );
    if (result.exitCode !== 0)
      throw new TargetError(
        `the node agent could not ${action} container ${containerId.slice(0, 12)}: ${commandSaid(result) || `exit ${result.exitCode}`}`,
        {
          hint:
            result.exitCode === 3
              ? 'the container exited meanwhile'
              : `agent pod ${this.settings.namespace}/${agent}`,
        },
      );
    return result.stdout.trim();
  }

  /** Deletes the agent pods (grace 0: they only sleep). */
  async remove(): Promise<void> {
    const names = await Promise.allSettled([...this.agents.values()]);
    this.agents.clear();
    await Promise.all(
      names
        .filter((n): n is PromiseFulfilledResult<string> => n.status === 'fulfilled')
        .map((n) =>
          this.settings.cluster.core
            .deleteNamespacedPod({ name: n.value, namespace: this.settings.namespace, gracePeriodSeconds: 0 })
            .catch(() => undefined),
        ),
    );
  }

  private async create(nodeName: string): Promise<string> {
    const { cluster, namespace, runId, image, clock, signal } = this.settings;
    const name = agentPodName(runId, nodeName);
    const created = await cluster.core
      .createNamespacedPod({ namespace, body: agentPod(name, nodeName, runId, image) })
      .catch((error: unknown) => {
        throw new TargetError(
          `could not create the node agent pod ${namespace}/${name}: ${apiMessage(error)}`,
          {
            hint: "kill and pause of pods need a hostPID pod on the pod's node: the namespace's Pod Security must allow it (privileged), and the runner may create pods",
          },
        );
      });
    await this.settings.record({
      kind: 'kubernetes',
      apiVersion: 'v1',
      objectKind: 'Pod',
      name,
      namespace,
      ...(created.metadata?.uid && { uid: created.metadata.uid }),
      kubeconfig: cluster.kubeconfigFile,
      context: cluster.context,
      description: `node agent pod ${namespace}/${name}`,
    });
    let last: V1Pod | undefined;
    const running = await pollUntil(
      async () => {
        last = await cluster.core.readNamespacedPod({ name, namespace });
        return isContainerRunning(last, AGENT_CONTAINER);
      },
      { clock, timeoutMs: AGENT_READY_MS, intervalMs: 200, signal },
    );
    if (!running)
      throw new TargetError(
        `the node agent pod ${namespace}/${name} did not start within ${AGENT_READY_MS / 1000}s`,
        {
          hint: `its state: ${JSON.stringify(last?.status?.containerStatuses?.[0]?.state ?? {})}; is ${image} present on node ${nodeName}? (target.agent_image)`,
        },
      );
    return name;
  }
}

function agentPodName(runId: string, nodeName: string): string {
  const node = createHash('sha256').update(nodeName).digest('hex').slice(0, 8);
  return `firedrill-agent-${runId.toLowerCase().replace(/[^a-z0-9-]/g, '')}-${node}`.slice(0, 63);
}

function agentPod(name: string, nodeName: string, runId: string, image: string): V1Pod {
  const meta = runMetadata(runId);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      labels: { ...meta.labels, 'firedrill.role': 'node-agent' },
      annotations: meta.annotations,
    },
    spec: {
      nodeName,
      hostPID: true,
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      automountServiceAccountToken: false,
      tolerations: [{ operator: 'Exists' }],
      containers: [
        {
          name: AGENT_CONTAINER,
          image,
          imagePullPolicy: 'IfNotPresent',
          command: ['sleep', '2147483647'],
          securityContext: { privileged: true },
        },
      ],
    },
  };
}
