import { isAbsolute, resolve } from 'node:path';
import type { Clock } from '../../common/clock.js';
import { runLabels } from '../../common/docker.js';
import type { DockerNodeConfig } from './docker-schema.js';
import { FiredrillContainer } from './firedrill-container.js';
import { tmpfsOptions } from './tmpfs-mount.js';
import { waitStrategyFor } from './wait-strategy.js';

export interface ContainerSpecContext {
  runId: string;
  /** The scenario's directory: relative bind-mount sources resolve against it. */
  baseDir: string;
  network: string;
  /** Host port chosen for each published container port (fixed, so restarts keep it). */
  hostPorts: Readonly<Record<number, number>>;
  onCreated: (id: string) => Promise<void>;
  /** Times the ready waits (default: the system clock). */
  clock?: Clock;
}

/** `firedrill-<runId>-<node>`: findable with `docker ps`, unique per run. */
export function containerName(runId: string, node: string): string {
  return `firedrill-${runId}-${node}`;
}

/** The testcontainers builder for one declared node. */
export function containerFor(
  name: string,
  node: DockerNodeConfig,
  context: ContainerSpecContext,
): FiredrillContainer {
  const container = new FiredrillContainer(node.image, {
    network: { name: context.network, aliases: [name] },
    ...(node.memory !== undefined && { memoryBytes: node.memory }),
    restart: node.restart,
    stopTimeoutSeconds: Math.ceil(node.stop_timeout / 1000),
    onCreated: context.onCreated,
  })
    .withName(containerName(context.runId, name))
    .withLabels({ ...runLabels(context.runId), 'firedrill.node': name })
    .withWaitStrategy(waitStrategyFor(name, node, context.clock));
  if (node.command !== undefined)
    container.withCommand(typeof node.command === 'string' ? ['/bin/sh', '-c', node.command] : node.command);
  if (node.entrypoint) container.withEntrypoint(node.entrypoint);
  if (node.env) container.withEnvironment(node.env);
  if (node.ports?.length)
    container.withExposedPorts(
      ...node.ports.map((port) => ({ container: port, host: context.hostPorts[port]! })),
    );
  if (node.tmpfs) {
    container.withTmpFs(
      Object.fromEntries(Object.entries(node.tmpfs).map(([path, mount]) => [path, tmpfsOptions(mount)])),
    );
  }
  if (node.volumes?.length) {
    container.withBindMounts(
      node.volumes.map((v) => ({
        source: isAbsolute(v.source) ? v.source : resolve(context.baseDir, v.source),
        target: v.target,
        mode: v.read_only ? ('ro' as const) : ('rw' as const),
      })),
    );
  }
  if (node.cap_add?.length) container.withAddedCapabilities(...node.cap_add);
  if (node.user !== undefined) container.withUser(node.user);
  if (node.workdir !== undefined) container.withWorkingDir(node.workdir);
  return container;
}
