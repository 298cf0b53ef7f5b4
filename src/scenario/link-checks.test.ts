import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../common/errors.js';
import { loadScenario } from './load.js';
import { scenarioDir } from './testing/scenario-files.js';

const head = (target: string, links = '') => `apiVersion: firedrill/v1
kind: Drill
name: net
target:
${target}
${links}probes:
  - name: health
    role: steady
    type: tcp
    host: 127.0.0.1
    port: 1
faults:
`;
const dockerNodes = (...names: string[]) =>
  `  type: docker\n  nodes:\n${names.map((n) => `    ${n}: { image: firedrill/http-echo:1 }`).join('\n')}`;
const tail = 'objectives:\n  recover: 10s\n';

async function problems(text: string): Promise<string[]> {
  const dir = await scenarioDir({ 'drill.yaml': text });
  const error = await loadScenario(join(dir, 'drill.yaml'), { env: {} }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ScenarioError)) throw new Error(`expected a ScenarioError, got ${String(error)}`);
  return error.problems.map(
    // Every problem has a hint now; the suggestions are what these cases are about.
    (p) =>
      `${p.line}:${p.column} ${p.path}: ${p.message}${p.hint.startsWith('did you mean') ? ` (${p.hint})` : ''}`,
  );
}

describe('link and partition checks at load', () => {
  it('rejects a partition of a one-node target, located at the fault', async () => {
    const text = head(dockerNodes('web')) + '  - type: partition\n    split: halves\n' + tail;
    expect(await problems(text)).toEqual([
      expect.stringMatching(
        /^15:5 faults\[0\]: a partition needs at least 2 nodes; the target declares 1 \(web\)/,
      ),
    ]);
  });

  it('rejects a partition naming fewer than 2 nodes, and groups naming an unknown node', async () => {
    const text =
      head(dockerNodes('a', 'b', 'c')) +
      '  - type: partition\n    split: halves\n    nodes: [a]\n' +
      '  - type: partition\n    groups: [[a, b], [cc]]\n' +
      tail;
    expect(await problems(text)).toEqual([
      '19:12 faults[0].nodes: a partition needs at least 2 nodes',
      '21:23 faults[1].groups[1][0]: unknown node "cc" (did you mean "c"?)',
    ]);
  });

  it('rejects a link fault naming an unknown link, and a network partition of processes', async () => {
    const target = '  type: process\n  nodes:\n    a: { command: [x] }\n    b: { command: [y] }';
    const links = 'links:\n  db: { upstream: "127.0.0.1:5432", from: a }\n';
    const text =
      head(target, links) +
      '  - type: link\n    link: dbb\n    toxic: down\n' +
      '  - type: partition\n    split: halves\n' +
      tail;
    expect(await problems(text)).toEqual([
      '19:11 faults[0].link: unknown link "dbb" (did you mean "db"?)',
      '21:5 faults[1].via: a partition via network needs containers (a docker or attach target); processes share the host network',
    ]);
  });

  it('checks the fields each toxic takes', async () => {
    const text =
      head(dockerNodes('a'), 'links:\n  db: { upstream: "a:5432" }\n') +
      '  - type: link\n    link: db\n    toxic: latency\n    rate: 10\n' +
      tail;
    expect(await problems(text)).toEqual([
      '17:5 faults[0].latency: a latency toxic needs latency',
      '20:11 faults[0].rate: rate does not apply to a latency toxic (it takes latency, jitter)',
    ]);
  });
});
