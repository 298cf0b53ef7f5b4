import type { LinkConfig } from '../scenario/drill-schema.js';
import type { TemplateValues } from '../targets/target.js';
import { LOOPBACK, freePorts } from '../targets/process/free-port.js';
import { TOXIPROXY_ALIAS, parseListen } from './link-address.js';
import type { ToxiproxyConfig } from './toxiproxy-schema.js';

/** Each link's listen port, chosen before the target starts so that its nodes can be pointed at it. */
export interface LinkPlan {
  ports: Record<string, number>;
  /** The `listen` a link gives, parsed (its host may be empty). */
  listens: Record<string, { host: string; port: number } | undefined>;
}

export async function planLinks(links: Readonly<Record<string, LinkConfig>> | undefined): Promise<LinkPlan> {
  const entries = Object.entries(links ?? {});
  const listens = Object.fromEntries(
    entries.map(([name, link]) => [
      name,
      link.listen === undefined ? undefined : parseListen(name, link.listen),
    ]),
  );
  const free = await freePorts(entries.filter(([name]) => listens[name] === undefined).length);
  const ports = Object.fromEntries(entries.map(([name]) => [name, listens[name]?.port ?? free.shift()!]));
  return { ports, listens };
}

/**
 * `${links.<l>.*}` as a docker target's nodes need them in their own configuration (a command or
 * an environment variable), before the links exist: the Toxiproxy container's alias (or the given
 * server's host) and the planned port.
 */
export function presetLinkValues(plan: LinkPlan, toxiproxy: ToxiproxyConfig | undefined): TemplateValues {
  const host = toxiproxy?.url ? new URL(toxiproxy.url).hostname : LOOPBACK;
  const values: TemplateValues = {};
  for (const [link, port] of Object.entries(plan.ports)) {
    values[`links.${link}.host`] = host;
    values[`links.${link}.port`] = String(port);
    values[`links.${link}.alias`] = toxiproxy?.url ? host : TOXIPROXY_ALIAS;
  }
  return values;
}
