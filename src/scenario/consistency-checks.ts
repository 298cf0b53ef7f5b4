import { AT_TEMPLATE, NODE_TEMPLATE_FORMS } from '../engine/consistency/consistency-schema.js';
import { didYouMean, listOf } from './did-you-mean.js';
import { asArray, recordOf, type Finding } from './finding.js';
import { declaredNodes } from './node-checks.js';
import { templateReferences } from './templates.js';

const NODE_REF = /^node\.(name|host|alias|port\.[^.]+)$/;

/**
 * The `consistency:` section: the nodes it reads are declared, its per-node templates are ones a
 * node has, and `${consistency.at}` is used only in `read`, and only when `at` gives it a value.
 */
export function consistencyFindings(data: unknown): Finding[] {
  const section = recordOf(data).consistency;
  if (section === undefined) return [];
  const findings: Finding[] = [];
  const nodes = declaredNodes(data);
  asArray(recordOf(section).nodes).forEach((name, i) => {
    if (!nodes || typeof name !== 'string' || nodes.includes(name)) return;
    findings.push({
      path: ['consistency', 'nodes', i],
      message: `unknown node "${name}"`,
      expected: `a node declared in target.nodes: ${listOf(nodes)}`,
      found: JSON.stringify(name),
      hint:
        didYouMean(name, nodes) ??
        `name nodes declared in target.nodes, or leave \`nodes\` out to read them all`,
    });
  });
  const hasAt = recordOf(section).at !== undefined;
  for (const { ref, path } of templateReferences(section)) {
    const where = ['consistency', ...path];
    const found = `\${${ref}}`;
    if (ref === AT_TEMPLATE && (path[0] !== 'read' || !hasAt)) {
      findings.push({
        path: where,
        message: `${found} has no value here`,
        expected: hasAt ? 'it only in consistency.read' : 'an `at:` read that gives it a value',
        found,
        hint: 'add `at:` (a read of the point every replica has applied, e.g. a revision), or remove the template',
      });
    } else if (ref.startsWith('node.') && !NODE_REF.test(ref)) {
      findings.push({
        path: where,
        message: `unknown template value ${found}`,
        expected: `one of ${NODE_TEMPLATE_FORMS}`,
        found,
        hint: 'each node is read in turn: ${node.host} is the host of the node being read',
      });
    }
  }
  return findings;
}
