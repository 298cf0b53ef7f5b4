import { didYouMean, listOf } from './did-you-mean.js';
import { asArray, recordOf, type Finding } from './finding.js';
import { RUN_DIR_REF, templateReferences } from './templates.js';
import type { FieldPath } from './yaml-source.js';

/** The node names a target declares (`target.nodes`), or undefined when it declares none. */
export function declaredNodes(data: unknown): string[] | undefined {
  const nodes = recordOf(data).target;
  const declared = recordOf(nodes).nodes;
  return declared !== null && typeof declared === 'object' && !Array.isArray(declared)
    ? Object.keys(declared)
    : undefined;
}

/**
 * Every `node` (a name), `nodes` and `select.from` (lists of names) field of a fault or probe, at
 * any depth, must name a declared node: a typo would otherwise surface mid-drill, after the system
 * was disturbed.
 */
export function nodeNameFindings(data: unknown): Finding[] {
  const nodes = declaredNodes(data);
  if (!nodes) return [];
  const findings: Finding[] = [];
  const check = (name: unknown, path: FieldPath): void => {
    if (typeof name !== 'string' || nodes.includes(name)) return;
    findings.push({
      path,
      message: `unknown node "${name}"`,
      expected: `a node declared in target.nodes: ${listOf(nodes)}`,
      found: JSON.stringify(name),
      hint: didYouMean(name, nodes) ?? `name one of the nodes declared in target.nodes: ${listOf(nodes)}`,
    });
  };
  const visit = (value: unknown, path: FieldPath): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, [...path, i]));
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'node') check(child, [...path, key]);
      else if (isNameList(key, path) && Array.isArray(child))
        child.forEach((name, i) => check(name, [...path, key, i]));
      else visit(child, [...path, key]);
    }
  };
  for (const field of ['faults', 'probes'] as const) {
    asArray(recordOf(data)[field]).forEach((item, i) => visit(item, [field, i]));
  }
  return findings;
}

/** `nodes: [a, b]`, and `select: {from: [a, b]}` (the candidates of a random pick). */
function isNameList(key: string, path: FieldPath): boolean {
  return key === 'nodes' || (key === 'from' && path.at(-1) === 'select');
}

const NODE_REF = /^nodes\.([^.]+)\.(host|alias|ip|port\.[^.]+)$/;
const LINK_REF = /^links\.([^.]+)\.(host|port|alias)$/;
const FORMS =
  '${nodes.<name>.host}, ${nodes.<name>.port.<port>}, ${nodes.<name>.alias}, ${nodes.<name>.ip} (kubernetes), ${links.<name>.host}, ${links.<name>.port} or ${links.<name>.alias}';

/**
 * `${nodes...}` and `${links...}` get their values only once the target is up, but their names can
 * be checked now.
 */
export function templateFindings(data: unknown): Finding[] {
  const nodes = declaredNodes(data);
  const links = Object.keys(recordOf(recordOf(data).links));
  const findings: Finding[] = [];
  for (const { ref, path } of templateReferences(data)) {
    if (ref.startsWith('run.') && ref !== RUN_DIR_REF) {
      const found = `\${${ref}}`;
      findings.push({
        path,
        message: `unknown template value ${found}`,
        expected: `\${${RUN_DIR_REF}}`,
        found,
        hint: `the run offers only \${${RUN_DIR_REF}} (the run directory)`,
      });
      continue;
    }
    const isNode = ref.startsWith('nodes.');
    if (!isNode && !ref.startsWith('links.')) continue;
    const match = (isNode ? NODE_REF : LINK_REF).exec(ref);
    const found = `\${${ref}}`;
    if (!match) {
      findings.push({
        path,
        message: `malformed template value ${found}`,
        expected: FORMS,
        found,
        hint: 'write the reference in one of the expected forms',
      });
      continue;
    }
    const names = isNode ? nodes : links;
    const name = match[1]!;
    if (names?.includes(name) && isNode) findings.push(...portFindings(data, name, match[2]!, path, found));
    if (!names || names.includes(name)) continue;
    const what = isNode ? 'node' : 'link';
    findings.push({
      path,
      message: `${found} names an unknown ${what} "${name}"`,
      expected: `a ${what} declared in ${isNode ? 'target.nodes' : 'links'}: ${listOf(names)}`,
      found,
      hint: didYouMean(name, names) ?? `declare the ${what}, or name one of ${listOf(names)}`,
    });
  }
  return findings;
}

/** `${nodes.web.port.http}` must name a port the node declares, when it declares them. */
function portFindings(data: unknown, node: string, field: string, path: FieldPath, found: string): Finding[] {
  if (!field.startsWith('port.')) return [];
  const declared = recordOf(recordOf(recordOf(recordOf(data).target).nodes)[node]).ports;
  const ports = Array.isArray(declared)
    ? declared.map(String)
    : declared
      ? Object.keys(recordOf(declared))
      : undefined;
  const port = field.slice('port.'.length);
  if (!ports || ports.includes(port)) return [];
  return [
    {
      path,
      message: `${found} names a port node "${node}" does not declare`,
      expected: `one of its ports: ${listOf(ports)}`,
      found,
      hint:
        didYouMean(port, ports) ??
        `declare the port under target.nodes.${node}.ports, or use one of ${listOf(ports)}`,
    },
  ];
}
