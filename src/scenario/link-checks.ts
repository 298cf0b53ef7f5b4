import { didYouMean, listOf } from './did-you-mean.js';
import { asArray, recordOf, type Finding } from './finding.js';
import { declaredNodes } from './node-checks.js';
import { linkShapeFindings } from './link-shape.js';
import type { FieldPath } from './yaml-source.js';

/**
 * Checks on links and partitions that need the whole scenario: a fault naming an unknown link,
 * a link's `from`/`to` naming an unknown node, a partition with fewer than 2 nodes or one its
 * target cannot carry out. Run on the plain values, like the other cross-checks.
 */
export function linkFindings(data: unknown): Finding[] {
  const root = recordOf(data);
  const links = Object.keys(recordOf(root.links));
  const nodes = declaredNodes(data);
  const findings: Finding[] = [];
  const unknown = (
    what: 'link' | 'node',
    name: unknown,
    path: FieldPath,
    known: string[],
    where: string,
  ): void => {
    if (typeof name !== 'string' || known.includes(name)) return;
    const hint = didYouMean(name, known) ?? `declare it under ${where}, or use one declared there`;
    findings.push({
      path,
      message: `unknown ${what} "${name}"`,
      expected: known.length
        ? `a ${what} declared in ${where}: ${listOf(known)}`
        : `a ${what} declared in ${where}`,
      found: JSON.stringify(name),
      hint,
    });
  };
  findings.push(...linkShapeFindings(root.links));
  for (const [name, link] of Object.entries(recordOf(root.links)))
    for (const end of ['from', 'to'] as const)
      if (nodes) unknown('node', recordOf(link)[end], ['links', name, end], nodes, 'target.nodes');
  asArray(root.faults).forEach((raw, i) => {
    const fault = recordOf(raw);
    if (fault.type === 'link') {
      unknown('link', fault.link, ['faults', i, 'link'], links, '`links:`');
      asArray(fault.links).forEach((name, j) =>
        unknown('link', name, ['faults', i, 'links', j], links, '`links:`'),
      );
    }
    if (fault.type === 'partition') {
      asArray(fault.groups).forEach((group, g) =>
        asArray(group).forEach(
          (name, j) => nodes && unknown('node', name, ['faults', i, 'groups', g, j], nodes, 'target.nodes'),
        ),
      );
      findings.push(...partitionTargetFindings(root, fault, ['faults', i], nodes, links));
    }
  });
  return findings;
}

function partitionTargetFindings(
  root: Record<string, unknown>,
  fault: Record<string, unknown>,
  at: FieldPath,
  nodes: string[] | undefined,
  links: string[],
): Finding[] {
  const findings: Finding[] = [];
  const targetType = recordOf(root.target).type;
  const via = fault.via ?? 'network';
  if (fault.groups === undefined && fault.nodes === undefined && nodes && nodes.length < 2)
    findings.push({
      path: at,
      message: `a partition needs at least 2 nodes; the target declares ${nodes.length} (${listOf(nodes)})`,
      hint: 'declare more nodes, or use a link fault (toxic: down) to cut one path',
    });
  if (via === 'network' && targetType === 'process')
    findings.push({
      path: [...at, 'via'],
      message:
        'a partition via network needs containers (a docker or attach target); processes share the host network',
      expected: 'via: toxiproxy (the links between the nodes go down)',
      found: 'via: network',
      hint: 'write `via: toxiproxy` and declare the links between the nodes under `links:`',
    });
  if (via === 'toxiproxy' && links.length === 0)
    findings.push({
      path: [...at, 'via'],
      message: 'a partition via toxiproxy cuts links, and the drill declares none',
      hint: 'declare the paths between nodes under `links:` with `from: <node>`, and point the nodes at ${links.<l>.host}:${links.<l>.port}',
    });
  return findings;
}
