import type { LinkConfig } from '../scenario/drill-schema.js';
import { freePorts } from '../targets/process/free-port.js';
import { parseListen } from './link-address.js';

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
