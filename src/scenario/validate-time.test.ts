import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFile } from './kinds.js';

async function check(name: string, text: string) {
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-validate-'));
  await writeFile(join(dir, name), text);
  return validateFile(join(dir, name));
}

const drill = (links: string, extra = '') =>
  'apiVersion: firedrill/v1\nkind: Drill\nname: d\n' +
  'target: { type: process, nodes: { web: { command: [x] } } }\n' +
  `links:\n${links}` +
  'probes: [{ name: p, role: steady, type: tcp, host: 127.0.0.1, port: 1 }]\n' +
  `faults: [{ type: kill, node: web }]\nobjectives: { recover: 10s }\n${extra}`;

describe('checked at validate, not at run time', () => {
  it('a schedule glob that makes no pattern ([z-a]*.yaml), located at the pattern', async () => {
    const problems = await check(
      'schedule.yaml',
      'apiVersion: firedrill/v1\nkind: Schedule\ntiers:\n  weekly:\n    scenarios: ["[z-a]*.yaml"]\n',
    );
    expect(problems).toMatchObject([
      {
        line: 5,
        column: 17,
        path: 'tiers.weekly.scenarios[0]',
        message: expect.stringMatching(/not a usable glob/),
      },
    ]);
  });

  it.each([
    ['a.b', 'links."a.b"'],
    ['../../x', 'links."../../x"'],
    ['', 'links.""'],
    ['has space', 'links."has space"'],
  ])('link name %j', async (name, path) => {
    const problems = await check('d.yaml', drill(`  ${JSON.stringify(name)}: { upstream: "127.0.0.1:1" }\n`));
    expect(problems).toMatchObject([{ path, message: `link name ${JSON.stringify(name)} is not allowed` }]);
  });

  it.each(['foo', '127.0.0.1:99999', '127.0.0.1:0', ':80', 'host:'])('link listen %j', async (listen) => {
    const problems = await check('d.yaml', drill(`  db: { upstream: "127.0.0.1:1", listen: "${listen}" }\n`));
    expect(problems).toMatchObject([
      { path: 'links.db.listen', message: 'not an address Toxiproxy can listen on' },
    ]);
  });

  it.each(['127.0.0.1:15432', 'localhost:8474', '[::1]:9000', '0.0.0.0:65535'])(
    'accepts listen %j',
    async (listen) => {
      expect(
        await check('d.yaml', drill(`  db_1: { upstream: "127.0.0.1:1", listen: "${listen}" }\n`)),
      ).toEqual([]);
    },
  );

  it('a 300-character drill name', async () => {
    const problems = await check(
      'd.yaml',
      drill('  db: { upstream: "127.0.0.1:1" }\n').replace('name: d', `name: ${'a'.repeat(300)}`),
    );
    expect(problems).toMatchObject([{ path: 'name', message: 'a drill name has at most 100 characters' }]);
  });

  it('a zero baseline and a zero probe interval', async () => {
    const text = drill('  db: { upstream: "127.0.0.1:1" }\n', 'baseline: 0s\n').replace(
      'port: 1 }',
      'port: 1, interval: 0s }',
    );
    const problems = await check('d.yaml', text);
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['probes[0].interval', 'expected a duration from 10ms to 1h (zero cannot work here)'],
      ['baseline', 'expected a duration from 1ms to 24h (zero cannot work here)'],
    ]);
  });

  it('a load rate above what one harness drives, and a ledger rate above its bound', async () => {
    const text = drill(
      '  db: { upstream: "127.0.0.1:1" }\n',
      'load: { url: "http://127.0.0.1:1/", rate: 1000000/s }\n',
    );
    expect((await check('d.yaml', text)).map((p) => [p.path, p.message])).toEqual([
      ['load.rate', 'expected a rate such as 200, 200/s or 30/m from 1/m to 10000/s'],
    ]);
  });
});

describe('no false PASS by construction', () => {
  const objectivesFile =
    'apiVersion: firedrill/v1\nkind: Objectives\nclasses:\n  empty: {}\n  fine: { recover: 5s }\n';

  it('an empty objectives class is invalid', async () => {
    const problems = await check('o.yaml', objectivesFile);
    expect(problems).toMatchObject([
      { path: 'classes.empty', message: expect.stringContaining('at least one objective') },
    ]);
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'a class reference %j resolves to nothing and is refused',
    async (name) => {
      const dir = await mkdtemp(join(tmpdir(), 'firedrill-class-'));
      await writeFile(join(dir, 'o.yaml'), objectivesFile.replace('  empty: {}\n', ''));
      const text = drill('  db: { upstream: "127.0.0.1:1" }\n').replace(
        'objectives: { recover: 10s }',
        `objectives: { table: o.yaml, class: ${JSON.stringify(name)} }`,
      );
      await writeFile(join(dir, 'd.yaml'), text);
      const problems = await validateFile(join(dir, 'd.yaml'));
      expect(problems).toMatchObject([
        { path: 'objectives.class', message: `no class "${name}" in objectives table o.yaml` },
      ]);
    },
  );
});
