import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../common/errors.js';
import { loadScenario } from './load.js';
import { scenarioDir } from './testing/scenario-files.js';

const drill = (target: string, faults: string) => `apiVersion: firedrill/v1
kind: Drill
name: resources
target:
${target}
probes:
  - { name: health, role: steady, type: tcp, host: 127.0.0.1, port: 1 }
faults:
${faults}
objectives:
  recover: 10s
`;
const docker =
  '  type: docker\n  nodes:\n    web: { image: firedrill/http-echo:1, memory: 256m }\n    db: { image: firedrill/http-echo:1 }';
const processTarget =
  '  type: process\n  nodes:\n    web: { command: [node, s.mjs], data_dirs: [./data] }\n    db: { command: [node, s.mjs] }';

async function problems(text: string): Promise<string[]> {
  const dir = await scenarioDir({ 'drill.yaml': text });
  const error = await loadScenario(join(dir, 'drill.yaml'), { env: {} }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!error) return [];
  if (!(error instanceof ScenarioError)) throw error;
  return error.problems.map(
    (p) =>
      `${p.line}:${p.column} ${p.path}: ${p.message}` +
      (p.expected ? ` | expected ${p.expected}` : '') +
      (p.found ? ` | found ${p.found}` : ''),
  );
}

describe('resource fault checks at load', () => {
  it("rejects a memory size above the node's declared limit, located at the size", async () => {
    expect(await problems(drill(docker, '  - { type: memory, node: web, size: 300m }'))).toEqual([
      '12:38 faults[0].size: memory size 300 MiB is above node "web"\'s memory limit of 256 MiB' +
        ' | expected at most 256 MiB (target.nodes.web.memory) | found "300m"',
    ]);
    expect(await problems(drill(docker, '  - { type: memory, node: web, size: 200m }'))).toEqual([]);
  });

  it('rejects percent of a limit the node does not declare, and percent over 100', async () => {
    expect(await problems(drill(docker, '  - { type: memory, node: db, percent: 50 }'))).toEqual([
      '12:40 faults[0].percent: percent is of the container\'s memory limit, and node "db" declares none',
    ]);
    expect(
      await problems(drill(docker, '  - { type: disk-fill, node: web, path: /data, percent: 120 }')),
    ).toEqual([
      '12:57 faults[0].percent: a filesystem cannot be filled beyond 100% (found 120) | expected at most 100 | found 120 (a number)',
    ]);
  });

  it('rejects a process-target fill outside the data_dirs, or on a node without any', async () => {
    expect(
      await problems(drill(processTarget, '  - { type: disk-fill, node: web, path: ./data/sub, size: 1m }')),
    ).toEqual([]);
    expect(
      await problems(drill(processTarget, '  - { type: disk-fill, node: web, path: /tmp, size: 1m }')),
    ).toEqual([
      '12:41 faults[0].path: /tmp is outside node "web"\'s data_dirs: a process-target disk fill stays inside them' +
        ' | expected a directory inside ./data | found "/tmp"',
    ]);
    expect(
      await problems(
        drill(processTarget, '  - { type: disk-fill, node: web, path: ./data/../etc, size: 1m }'),
      ),
    ).toHaveLength(1);
    expect(
      await problems(drill(processTarget, '  - { type: disk-fill, node: db, path: ./data, size: 1m }')),
    ).toEqual([
      '12:40 faults[0].path: disk-fill on a process target writes only inside the node\'s data_dirs, and node "db" declares none',
    ]);
  });

  it('wants absolute paths inside containers', async () => {
    const faults = [
      '  - { type: corrupt, node: web, path: data/db }',
      '  - type: drift\n    node: web\n    severity: mild\n    changes: { mild: { file: { path: app.conf, set: x } } }',
    ].join('\n');
    expect(await problems(drill(docker, faults))).toEqual([
      '12:39 faults[0].path: a path in a container must be absolute, found "data/db"',
      '16:38 faults[1].changes.mild.file.path: a path in a container must be absolute, found "app.conf"',
    ]);
  });

  it('reports an unknown node once, by the node check', async () => {
    expect(await problems(drill(docker, '  - { type: memory, node: wbe, size: 1m }'))).toEqual([
      expect.stringMatching(/^12:27 faults\[0\]\.node: unknown node "wbe"/),
    ]);
  });
});
