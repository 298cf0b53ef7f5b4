import { join } from 'node:path';
import type Docker from 'dockerode';
import { BoundPorts } from 'testcontainers';
import { dockerClient, imagePresent } from '../../common/docker.js';
import { configureTestcontainers } from '../../common/testcontainers-env.js';
import { TargetError, errorMessage } from '../../common/errors.js';
import { freePorts } from '../process/free-port.js';
import type { TargetContext, TargetFactory } from '../target.js';
import { ContainerNode } from './container-node.js';
import { ContainerOutput } from './container-output.js';
import { containerFor, containerName } from './container-spec.js';
import { dockerTargetSchema, type DockerNodeConfig, type DockerTargetConfig } from './docker-schema.js';
import { RunNetwork } from './run-network.js';
import { StartedDockerTarget } from './started-docker-target.js';
import { containerTemplateValues } from './template-values.js';
import { watchForExit } from './exit-watch.js';
import { describeNodeWait, waitStrategyFor } from './wait-strategy.js';
import { resolveTemplates } from '../../scenario/templates.js';

/** `type: docker`: containers declared in the scenario, on a network made for the run. */
export const dockerTarget = {
  schema: dockerTargetSchema,
  start: startDockerTarget,
} satisfies TargetFactory<typeof dockerTargetSchema>;

async function startDockerTarget(
  config: DockerTargetConfig,
  context: TargetContext,
): Promise<StartedDockerTarget> {
  configureTestcontainers();
  const docker = dockerClient();
  const network = await RunNetwork.create(context.runId, docker).catch((error: unknown) => {
    throw new TargetError(`could not create the run's Docker network: ${errorMessage(error)}`, {
      hint: 'is the Docker engine running? `firedrill doctor` checks it',
    });
  });
  await context.recordResource({ kind: 'network', id: network.id, description: `network ${network.name}` });
  const target = new StartedDockerTarget(docker, network, context.logger);
  try {
    const hostPorts = await allocateHostPorts(config);
    // Nodes may name each other (${nodes.db.alias}) and the links (${links.db.port}) in their settings.
    const values = {
      ...context.templateValues,
      ...containerTemplateValues(
        Object.keys(config.nodes).map((name) => ({ name, ports: hostPorts[name]! })),
      ),
    };
    const names = Object.keys(config.nodes);
    for (const name of context.links?.order(names) ?? names) {
      context.signal.throwIfAborted();
      // Toxiproxy joins the network, and the proxies exist, before a node that names a link starts.
      if (context.links?.needsLinks(name))
        Object.assign(values, await context.links.open({ network: target.network, values }));
      const node = config.nodes[name]!;
      const resolved = resolveTemplates(node, values, {
        file: '<scenario>',
        locate: () => ({ line: 1, column: 1 }),
        path: ['target', 'nodes', name],
      });
      target.add(
        await startNode(name, resolved, { docker, network, context, target, hostPorts: hostPorts[name]! }),
      );
    }
  } catch (error) {
    // Toxiproxy's container sits on the network: it goes first, or the network cannot be removed.
    await context.links?.close().catch(() => undefined);
    await target.stop().catch(() => undefined);
    throw error;
  }
  return target;
}

interface NodeStart {
  docker: Docker;
  network: RunNetwork;
  context: TargetContext;
  target: StartedDockerTarget;
  hostPorts: Record<number, number>;
}

async function startNode(name: string, node: DockerNodeConfig, start: NodeStart): Promise<ContainerNode> {
  const { docker, network, context, target, hostPorts } = start;
  let output: ContainerOutput | undefined;
  let containerId: string | undefined;
  const watch = watchForExit(docker, name, () => containerId, describeNodeWait(node), context.clock);
  const builder = containerFor(name, node, {
    runId: context.runId,
    baseDir: context.baseDir,
    network: network.name,
    hostPorts,
    clock: context.clock,
    onCreated: async (id) => {
      containerId = id;
      target.created(id);
      await context.recordResource({
        kind: 'container',
        id,
        description: `container ${containerName(context.runId, name)}`,
      });
      output = new ContainerOutput(docker, id, context.clock, {
        ...(context.logDir && { logFile: join(context.logDir, `${name}.log`) }),
      });
      target.outputs.push(output);
      output.start();
    },
  });
  try {
    const started = await Promise.race([builder.start(), watch.exited]);
    const strategy = waitStrategyFor(name, node, context.clock);
    const bound = new BoundPorts();
    for (const [port, hostPort] of Object.entries(hostPorts)) bound.setBinding(Number(port), hostPort);
    return new ContainerNode({
      docker,
      id: started.getId(),
      name,
      clock: context.clock,
      output: output!,
      ports: hostPorts,
      stopTimeoutSeconds: Math.ceil(node.stop_timeout / 1000),
      signal: target.signal,
      ready: (startTime, signal) =>
        raceAbort(strategy.waitUntilReady(docker.getContainer(started.getId()), bound, startTime), signal),
    });
  } catch (error) {
    if (!(await imagePresent(node.image).catch(() => true))) {
      throw new TargetError(
        `node ${name}: image ${node.image} is not present locally and could not be pulled`,
        {
          hint: `build or load it first (the project's images: scripts/setup-env.sh); the pull said: ${errorMessage(error)}`,
          cause: error,
        },
      );
    }
    // A node that exited while being waited for: the error names the exit and its last lines.
    if (error instanceof TargetError) throw error;
    const said = output?.lastLines().slice(-5).join('\n  ');
    throw new TargetError(`node ${name} (image ${node.image}) did not start: ${errorMessage(error)}`, {
      hint: said
        ? `its last output:\n  ${said}`
        : `check the image exists locally (\`docker image inspect ${node.image}\`) and its wait settings`,
      cause: error,
    });
  } finally {
    watch.stop();
  }
}

/** A free 127.0.0.1 port for every published container port, picked once so restarts keep them. */
async function allocateHostPorts(
  config: DockerTargetConfig,
): Promise<Record<string, Record<number, number>>> {
  const wanted = Object.entries(config.nodes).flatMap(([name, node]) =>
    (node.ports ?? []).map((port) => [name, port] as const),
  );
  const picked = await freePorts(wanted.length);
  const table: Record<string, Record<number, number>> = {};
  for (const name of Object.keys(config.nodes)) table[name] = {};
  wanted.forEach(([name, port], i) => (table[name]![port] = picked[i]!));
  return table;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
