import type Docker from 'dockerode';
import { TargetError } from '../../common/errors.js';
import type { AttachNodeConfig } from './attach-schema.js';

/** The one running container a node names: by name (or id), or by a label matching exactly one. */
export async function findContainer(
  docker: Docker,
  node: string,
  config: AttachNodeConfig,
): Promise<Docker.ContainerInspectInfo> {
  if ('container' in config) {
    const info = await docker
      .getContainer(config.container)
      .inspect()
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode === 404)
          throw new TargetError(`node ${node}: no container named "${config.container}"`, {
            hint: 'list them with `docker ps --format {{.Names}}`; firedrill attaches to running containers only',
          });
        throw error;
      });
    if (!info.State.Running)
      throw new TargetError(
        `node ${node}: container "${config.container}" is not running (${info.State.Status})`,
        {
          hint: `start it first: docker start ${config.container}`,
        },
      );
    return info;
  }
  const matches = await docker.listContainers({
    filters: JSON.stringify({ label: [config.label], status: ['running'] }),
  });
  if (matches.length !== 1) {
    const names = matches.map((m) => (m.Names[0] ?? m.Id).replace(/^\//, ''));
    throw new TargetError(
      `node ${node}: label "${config.label}" matches ${matches.length} running containers${names.length ? ` (${names.join(', ')})` : ''}, expected exactly 1`,
      { hint: 'use a label that only one container carries, or `container: <name>`' },
    );
  }
  return docker.getContainer(matches[0]!.Id).inspect();
}

/** Published TCP ports of a container: container port → host port (the first binding). */
export function publishedPorts(info: Docker.ContainerInspectInfo): Record<number, number> {
  const ports: Record<number, number> = {};
  for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
    const [port, protocol] = key.split('/');
    const hostPort = bindings?.[0]?.HostPort;
    if (protocol === 'tcp' && hostPort) ports[Number(port)] = Number(hostPort);
  }
  return ports;
}

/** The user-defined network every container is on, if they share one (links join it). */
export function sharedNetwork(
  infos: readonly Docker.ContainerInspectInfo[],
): { name: string; id: string } | undefined {
  const [first, ...rest] = infos;
  if (!first) return undefined;
  for (const [name, endpoint] of Object.entries(first.NetworkSettings.Networks)) {
    if (['bridge', 'host', 'none'].includes(name)) continue;
    if (rest.every((info) => name in info.NetworkSettings.Networks)) return { name, id: endpoint.NetworkID };
  }
  return undefined;
}
