import { linkCycleNodes, linkDependencies } from '../links/start-order.js';
import { listOf } from './did-you-mean.js';
import { recordOf, type Finding } from './finding.js';

/**
 * Start order: links start before the nodes whose settings name them, and after the nodes
 * `toxiproxy.url` names. A node that is both can never start: a cycle, refused before anything
 * runs. (A link whose upstream names a node that uses the link is no cycle: see linkDependencies.)
 */
export function startOrderFindings(data: unknown): Finding[] {
  const root = recordOf(data);
  const nodes = recordOf(recordOf(root.target).nodes);
  const url = recordOf(root.toxiproxy).url;
  const dependencies = linkDependencies(nodes, url);
  return linkCycleNodes(dependencies).map((node) => ({
    path: ['toxiproxy', 'url'],
    message: `start order has a cycle: toxiproxy.url names node "${node}", which must start before the links, but node "${node}" names a link in its settings, so it must start after them`,
    expected: `a Toxiproxy node whose settings name no link (${listOf(dependencies.serverNodes)} carry the links)`,
    hint: `remove the \${links...} references from node "${node}", or let firedrill start Toxiproxy itself (drop toxiproxy.url)`,
  }));
}
