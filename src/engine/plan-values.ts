import { TOXIPROXY_ALIAS } from '../links/link-address.js';
import type { Drill } from '../scenario/drill-schema.js';
import { RUN_DIR_REF } from '../scenario/templates.js';
import type { TemplateValues } from '../targets/target.js';

/** How `plan` shows a value that exists only once the run starts. */
export const PICKED_AT_START = 'picked at start';

const LOOPBACK = '127.0.0.1';

/**
 * The template values as far as they are known before anything starts: hosts and aliases,
 * ports written in the scenario; a port firedrill picks (a docker node's published port, a
 * process node's `auto`, a link without `listen`) reads `<nodes.web.port.80: picked at start>`.
 */
export function plannedTemplateValues(drill: Drill): TemplateValues {
  const values: TemplateValues = { [RUN_DIR_REF]: `<${RUN_DIR_REF}: ${PICKED_AT_START}>` };
  const later = (ref: string): string => `<${ref}: ${PICKED_AT_START}>`;
  const target = drill.target as { type: string; nodes?: Record<string, { ports?: unknown }> };
  for (const [name, node] of Object.entries(target.nodes ?? {})) {
    const prefix = `nodes.${name}`;
    values[`${prefix}.host`] = target.type === 'attach' ? later(`${prefix}.host`) : LOOPBACK;
    if (target.type === 'docker') values[`${prefix}.alias`] = name;
    for (const [port, given] of nodePorts(node.ports)) {
      const ref = `${prefix}.port.${port}`;
      values[ref] = typeof given === 'number' && target.type === 'process' ? String(given) : later(ref);
    }
  }
  const url = drill.toxiproxy?.url;
  for (const [name, link] of Object.entries(drill.links ?? {})) {
    const prefix = `links.${name}`;
    const listen = /^(?:(.*):)?(\d{1,5})$/.exec(link.listen?.trim() ?? '');
    values[`${prefix}.host`] = url ? hostOf(url, later(`${prefix}.host`)) : LOOPBACK;
    values[`${prefix}.port`] = listen?.[2] ?? later(`${prefix}.port`);
    values[`${prefix}.alias`] = url
      ? hostOf(url, later(`${prefix}.alias`))
      : target.type === 'docker'
        ? TOXIPROXY_ALIAS
        : LOOPBACK;
  }
  return values;
}

/** A docker node's ports are a list of container ports; a process node's a record of named ports. */
function nodePorts(ports: unknown): Array<[string, unknown]> {
  if (Array.isArray(ports)) return ports.map((port) => [String(port), undefined]);
  if (ports && typeof ports === 'object') return Object.entries(ports);
  return [];
}

function hostOf(url: string, unknown: string): string {
  if (url.includes('${')) return unknown;
  try {
    return new URL(url).hostname;
  } catch {
    return unknown;
  }
}
