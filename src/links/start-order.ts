import { templateReferences } from '../scenario/templates.js';

/**
 * Who waits for whom when a run starts. Two dependencies are hard: a node whose own settings
 * name a link (`${links.db.port}` in its command or environment) starts once the links are up,
 * and the links start once the nodes `toxiproxy.url` names (Toxiproxy run as a node) are up.
 *
 * A link's upstream naming a node (`${nodes.db.alias}:5432`) is not a dependency: the node's
 * name and ports are known before anything starts, and Toxiproxy dials the upstream only when a
 * connection comes, so a proxy may exist before the node behind it.
 */
export interface LinkDependencies {
  /** Nodes whose settings name a link, in declaration order. */
  linkUsers: string[];
  /** Nodes `toxiproxy.url` names, in declaration order: they carry the links. */
  serverNodes: string[];
}

const LINK_REF = /^links\.([^.]+)\./;
const NODE_REF = /^nodes\.([^.]+)\./;

/** Reads the dependencies off a scenario's plain values (nodes by name, the toxiproxy url). */
export function linkDependencies(
  nodes: Readonly<Record<string, unknown>>,
  toxiproxyUrl: unknown,
): LinkDependencies {
  const names = Object.keys(nodes);
  const linkUsers = names.filter((name) =>
    templateReferences(nodes[name]).some(({ ref }) => LINK_REF.test(ref)),
  );
  const named = new Set(
    templateReferences(toxiproxyUrl ?? '')
      .map(({ ref }) => NODE_REF.exec(ref)?.[1])
      .filter((name): name is string => name !== undefined),
  );
  return { linkUsers, serverNodes: names.filter((name) => named.has(name)) };
}

/**
 * Nodes that are both: they would have to start before the links and after them. The only true
 * cycle: every other order can be met.
 */
export function linkCycleNodes(dependencies: LinkDependencies): string[] {
  return dependencies.serverNodes.filter((name) => dependencies.linkUsers.includes(name));
}

/**
 * The order to start the nodes in: as declared, except that the nodes carrying the links move up
 * to just before the first node that needs the links.
 */
export function nodeStartOrder(names: readonly string[], dependencies: LinkDependencies): string[] {
  const firstUser = names.findIndex((name) => dependencies.linkUsers.includes(name));
  if (firstUser < 0) return [...names];
  const servers = names.filter((name, i) => i > firstUser && dependencies.serverNodes.includes(name));
  const rest = names.filter((name) => !servers.includes(name));
  return [...rest.slice(0, firstUser), ...servers, ...rest.slice(firstUser)];
}
