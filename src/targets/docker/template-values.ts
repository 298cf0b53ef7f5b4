import type { TemplateValues } from '../target.js';

/** What a container node offers templates: its name and published ports. */
export interface TemplatedNode {
  readonly name: string;
  readonly ports: Readonly<Record<number, number>>;
  /** Its name on the shared network (default: the node name). */
  readonly alias?: string;
}

/**
 * `${nodes.<n>.host}` = 127.0.0.1 and `${nodes.<n>.port.<container port>}` = the published host
 * port, for the host side (probes, load); `${nodes.<n>.alias}` = the name other containers reach it
 * by on the run's network (with the container port itself).
 */
export function containerTemplateValues(nodes: readonly TemplatedNode[]): TemplateValues {
  const values: TemplateValues = {};
  for (const node of nodes) {
    values[`nodes.${node.name}.host`] = '127.0.0.1';
    values[`nodes.${node.name}.alias`] = node.alias ?? node.name;
    for (const [port, hostPort] of Object.entries(node.ports))
      values[`nodes.${node.name}.port.${port}`] = String(hostPort);
  }
  return values;
}
