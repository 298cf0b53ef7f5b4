import { join } from 'node:path';
import { TargetError, errorMessage } from '../../common/errors.js';
import { pollUntil } from '../process/poll.js';
import type { TargetContext, TargetFactory } from '../target.js';
import { connectCluster } from './cluster.js';
import {
  kubernetesTargetSchema,
  type KubernetesTargetConfig,
  type PodNodeConfig,
} from './kubernetes-schema.js';
import { runMetadata } from './labels.js';
import { fillManifest, linkedStart, openLinks } from './links-order.js';
import { readManifests, type ManifestObject } from './manifest-objects.js';
import { AppliedManifests } from './manifests.js';
import { NodeAgents } from './node-agent.js';
import { PodCache } from './pod-cache.js';
import { PodNode } from './pod-node.js';
import { PodOutput } from './pod-output.js';
import { choosePod, type PodChoice } from './pod-state.js';
import { PortForward } from './port-forwards.js';
import { openNamespace } from './run-namespace.js';
import { StartedKubernetesTarget } from './started-kubernetes-target.js';

/** `type: kubernetes`: pods of a cluster reached by kubeconfig; manifests made and removed by the run. */
export const kubernetesTarget = {
  schema: kubernetesTargetSchema,
  start: startKubernetesTarget,
} satisfies TargetFactory<typeof kubernetesTargetSchema>;

async function startKubernetesTarget(
  config: KubernetesTargetConfig,
  context: TargetContext,
): Promise<StartedKubernetesTarget> {
  const cluster = connectCluster({ ...config, baseDir: context.baseDir });
  // Read (and so check) every manifest before anything is made in the cluster.
  const objects = await readManifests(config.manifests ?? [], context.baseDir);
  const record = context.recordResource.bind(context);
  const namespace = await openNamespace(cluster, {
    ...(config.namespace && { given: config.namespace }),
    runId: context.runId,
    record,
  });
  const pods = new PodCache(cluster, namespace.name, context.logger);
  const agents = new NodeAgents({
    cluster,
    namespace: namespace.name,
    runId: context.runId,
    image: config.agent_image,
    clock: context.clock,
    signal: context.signal,
    record,
  });
  const target = new StartedKubernetesTarget({
    cluster,
    namespace,
    pods,
    manifests: new AppliedManifests(cluster, context.logger),
    agents,
    clock: context.clock,
    logger: context.logger,
    links: { runId: context.runId, readyTimeoutMs: config.ready_timeout, signal: context.signal, record },
  });
  try {
    await pods.start();
    const create = (list: readonly ManifestObject[]) =>
      target.parts.manifests.create(list, namespace.name, runMetadata(context.runId), record);
    const startNodes = async (names: readonly string[]) => {
      const started = await Promise.all(
        names.map((name) => startNode(name, config.nodes[name]!, { config, context, target })),
      );
      for (const node of started) target.add(node);
    };
    // Manifests naming a link wait for the links, which wait for the pods their upstreams name.
    const order = linkedStart(objects, config.nodes);
    await create(order.plain);
    await startNodes(Object.keys(config.nodes).filter((name) => !order.lateNodes.includes(name)));
    if (order.linked.length > 0) {
      const values = await openLinks(context, target);
      await create(order.linked.map((object) => fillManifest(object, values)));
      await startNodes(order.lateNodes);
    }
    await prepareAgents([...target.nodes.values()], agents, context);
  } catch (error) {
    // The links' pod lives in the namespace: it goes first, as on Docker it leaves the network first.
    await context.links?.close().catch(() => undefined);
    await target
      .stop()
      .catch((stopError: unknown) =>
        context.logger.warn({ err: stopError }, 'could not remove what the kubernetes target made'),
      );
    throw error;
  }
  return target;
}

interface NodeStart {
  config: KubernetesTargetConfig;
  context: TargetContext;
  target: StartedKubernetesTarget;
}

/** Waits for the node's pod, opens its port-forwards and log follower, and waits until it is Ready. */
async function startNode(name: string, node: PodNodeConfig, start: NodeStart): Promise<PodNode> {
  const { config, context, target } = start;
  const choice: PodChoice = node.pod !== undefined ? { pod: node.pod } : { selector: node.selector! };
  const pods = target.parts.pods;
  const container = node.container ?? (await firstContainer(name, choice, start));
  const current = () => choosePod(pods.pods(), choice).pod;
  const ports: Record<number, number> = {};
  for (const port of node.ports ?? []) {
    const forward = await PortForward.open(target.parts.cluster, port, current, context.logger);
    target.forwards.push(forward);
    ports[port] = forward.localPort;
  }
  const output = new PodOutput(
    target.parts.cluster,
    container,
    current,
    context.clock,
    context.logDir && join(context.logDir, `${name}.log`),
  );
  target.outputs.push(output);
  output.start();
  const podNode = new PodNode({
    name,
    choice,
    container,
    cluster: target.parts.cluster,
    pods,
    agents: target.parts.agents,
    output,
    clock: context.clock,
    readyTimeoutMs: config.ready_timeout,
    signal: AbortSignal.any([target.signal, context.signal]),
    ports,
  });
  await podNode.waitReady();
  const pod = podNode.pod();
  if (pod && !pod.spec?.containers.some((c) => c.name === container))
    throw new TargetError(`node ${name}: pod ${pod.metadata?.name} has no container "${container}"`, {
      hint: `its containers: ${pod.spec?.containers.map((c) => c.name).join(', ')}`,
    });
  return podNode;
}

/** The pod's first container, once the pod exists (the default when `container` is not given). */
async function firstContainer(name: string, choice: PodChoice, start: NodeStart): Promise<string> {
  const { config, context, target } = start;
  let found: string | undefined;
  await pollUntil(
    () => {
      found = choosePod(target.parts.pods.pods(), choice).pod?.spec?.containers[0]?.name;
      return found !== undefined;
    },
    { clock: context.clock, timeoutMs: config.ready_timeout, intervalMs: 100, signal: context.signal },
  );
  if (found === undefined)
    throw new TargetError(
      `node ${name}: no pod ${'pod' in choice ? `named ${choice.pod}` : `matching ${choice.selector}`} in namespace ${target.namespace} within ${config.ready_timeout / 1000}s`,
      {
        hint: 'check the name or selector (`kubectl get pods --show-labels`), or that the manifests create it',
      },
    );
  return found;
}

/**
 * Starts the node agents (kill, pause) now, so a fault's window does not include making one. A
 * cluster that refuses them (Pod Security) fails only the faults that need them, when they run.
 */
async function prepareAgents(
  nodes: readonly PodNode[],
  agents: NodeAgents,
  context: TargetContext,
): Promise<void> {
  const hosts = new Set(
    nodes.map((node) => node.identity().nodeName).filter((n): n is string => n !== undefined),
  );
  await Promise.all(
    [...hosts].map((host) =>
      agents
        .prepare(host)
        .catch((error: unknown) =>
          context.logger.warn(
            { node: host, err: errorMessage(error) },
            'could not start the node agent; kill and pause will try again',
          ),
        ),
    ),
  );
}
