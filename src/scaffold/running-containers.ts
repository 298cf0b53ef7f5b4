import type Docker from 'dockerode';
import { UsageError } from '../common/errors.js';
import { publishedPorts } from '../targets/attach/find-container.js';
import { guessProtocol } from './guess-protocol.js';
import { drillName, nodeName, type AttachStarterNode, type StarterSystem } from './starter-system.js';

/** Which running containers a drill attaches to: by name, by a label, or a compose project's. */
export type ContainerSelector = { names: string[] } | { label: string } | { composeProject: string };

const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_SERVICE = 'com.docker.compose.service';

/** The selected containers as `attach` nodes, each published port asked whether it speaks HTTP. */
export async function systemFromContainers(
  docker: Docker,
  selector: ContainerSelector,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<StarterSystem> {
  const infos = await selectContainers(docker, selector);
  const names = new Set<string>();
  const nodes: AttachStarterNode[] = [];
  for (const info of infos) {
    const name = uniqueName(nodeName(info.Config.Labels?.[COMPOSE_SERVICE] ?? containerName(info)), names);
    const published = publishedPorts(info);
    const exposed = Object.keys(info.Config.ExposedPorts ?? {})
      .filter((key) => key.endsWith('/tcp'))
      .map((key) => Number.parseInt(key, 10));
    const ports = [];
    for (const [container, host] of Object.entries(published))
      ports.push({ container: Number(container), ...(await guessProtocol('127.0.0.1', host, options)) });
    nodes.push({
      kind: 'attach',
      name,
      container: containerName(info),
      ports,
      unpublished: exposed.filter((port) => !(port in published)),
      restart: info.HostConfig.RestartPolicy?.Name || 'no',
    });
  }
  const label =
    'names' in selector
      ? selector.names.join(', ')
      : 'label' in selector
        ? selector.label
        : selector.composeProject;
  const name = 'composeProject' in selector ? selector.composeProject : nodes.map((n) => n.name).join('-');
  return { name: drillName(`${name}-starter`), source: `running containers (${label})`, nodes };
}

async function selectContainers(
  docker: Docker,
  selector: ContainerSelector,
): Promise<Docker.ContainerInspectInfo[]> {
  if ('names' in selector) {
    return Promise.all(
      selector.names.map(async (name) => {
        const info = await docker
          .getContainer(name)
          .inspect()
          .catch((error: { statusCode?: number }) => {
            if (error.statusCode !== 404) throw error;
            throw new UsageError(`no container named "${name}"`, {
              hint: 'list them with `docker ps --format {{.Names}}`',
            });
          });
        if (!info.State.Running)
          throw new UsageError(`container "${name}" is not running (${info.State.Status})`);
        return info;
      }),
    );
  }
  const label = 'label' in selector ? selector.label : `${COMPOSE_PROJECT}=${selector.composeProject}`;
  const found = await docker.listContainers({
    filters: JSON.stringify({ label: [label], status: ['running'] }),
  });
  if (found.length === 0)
    throw new UsageError(`no running container has the label "${label}"`, {
      hint: 'check with `docker ps --filter label=<key>=<value>`',
    });
  const infos = await Promise.all(found.map((c) => docker.getContainer(c.Id).inspect()));
  return infos.sort((a, b) => containerName(a).localeCompare(containerName(b)));
}

function containerName(info: Docker.ContainerInspectInfo): string {
  return info.Name.replace(/^\//, '');
}

/** Replicas of one compose service share its name: the second becomes `<service>-2`. */
function uniqueName(name: string, taken: Set<string>): string {
  let unique = name;
  for (let n = 2; taken.has(unique); n++) unique = `${name}-${n}`;
  taken.add(unique);
  return unique;
}
