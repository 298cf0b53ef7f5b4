import { Document, isMap, isSeq, type Node } from 'yaml';
import { starterProbes } from './starter-probes.js';
import type { StarterNode, StarterSystem } from './starter-system.js';

/** How long the starter drill gives the killed node to come back (its `recover` objective). */
const RECOVER_OBJECTIVE = '30s';

/**
 * The starter drill's YAML: valid as written (`firedrill validate` passes), with comments that say
 * what init guessed and what to check. `schemaRef` is the editor schema's path from the drill's folder.
 */
export function renderStarterDrill(system: StarterSystem, schemaRef: string): string {
  const victim = system.nodes.find((node) => node.ports.length > 0) ?? system.nodes[0]!;
  const probes = starterProbes(system.nodes);
  const doc = new Document({
    apiVersion: 'firedrill/v1',
    kind: 'Drill',
    name: system.name,
    description: `Starter drill: kill ${victim.name} and expect it back within ${RECOVER_OBJECTIVE}.`,
    target: {
      type: victim.kind,
      nodes: Object.fromEntries(system.nodes.map((node) => [node.name, nodeConfig(node)])),
    },
    probes: probes.map((entry) => entry.probe),
    faults: [{ name: `kill-${victim.name}`, type: 'kill', node: victim.name }],
    objectives: { recover: RECOVER_OBJECTIVE },
  });
  doc.commentBefore = [
    ` yaml-language-server: $schema=${schemaRef}`,
    '',
    ` A starter drill written by \`firedrill init\` from ${system.source}.`,
    ' It proves the steady state (the probes below), kills one node, and passes when every steady',
    ` probe holds again within ${RECOVER_OBJECTIVE}. Review each guess, then: firedrill plan <this file>.`,
  ].join('\n');
  for (const node of system.nodes) {
    const config = doc.getIn(['target', 'nodes', node.name], true);
    // `{ container: web-1 }` reads best on one line.
    if (isMap(config) && node.kind === 'attach') config.flow = true;
    for (const key of ['ports', 'command', 'entrypoint']) {
      const list = doc.getIn(['target', 'nodes', node.name, key], true);
      if (isSeq(list)) list.flow = true;
    }
    comment(doc, ['target', 'nodes', node.name], nodeComment(node));
  }
  probes.forEach((entry, i) => comment(doc, ['probes', i], entry.comment));
  comment(
    doc,
    ['faults', 0],
    ` SIGKILL ${victim.name}, as a crash would. See docs/faults.md for more faults.`,
  );
  comment(
    doc,
    ['objectives'],
    ' Recovery objectives (docs/objectives.md). Add a `detect` probe for a detect objective,\n' +
      ' `load` for availability and latency_p99, `integrity` for lost_writes and rpo.',
  );
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function nodeConfig(node: StarterNode): Record<string, unknown> {
  if (node.kind === 'attach') return { container: node.container };
  return {
    image: node.image,
    ...(node.entrypoint && { entrypoint: node.entrypoint }),
    ...(node.command && { command: node.command }),
    ...(node.env && { env: node.env }),
    ...(node.ports.length > 0 && { ports: node.ports.map((port) => port.container) }),
    // A killed container comes back only by its restart policy.
    restart: node.restart ?? 'always',
  };
}

function nodeComment(node: StarterNode): string | undefined {
  const notes: string[] = [];
  if (node.kind === 'attach') {
    if (node.restart === 'no')
      notes.push(` ${node.container} has no restart policy: nothing brings it back after the kill.`);
    if (node.unpublished.length > 0)
      notes.push(` Exposed but not published (no probe can reach them): ${node.unpublished.join(', ')}.`);
  } else {
    if (node.built) notes.push(` Built by compose: \`docker compose build\` makes the image ${node.image}.`);
    if (node.restart === undefined)
      notes.push(" restart: always is init's choice, so the killed node comes back.");
    if (Object.values(node.env ?? {}).some((value) => value.includes('${')))
      notes.push(' Compose interpolates ${VAR} from the host: write the values, or ${env.VAR}.');
  }
  return notes.length > 0 ? notes.join('\n') : undefined;
}

function comment(doc: Document, path: Array<string | number>, text: string | undefined): void {
  if (text === undefined) return;
  const node = doc.getIn(path, true) as Node | undefined;
  if (node) node.commentBefore = text;
}
