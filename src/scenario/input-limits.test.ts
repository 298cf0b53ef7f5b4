import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateFile } from './kinds.js';
import { MAX_SOURCE_BYTES } from './read-source.js';
import { MAX_NESTING_DEPTH } from './yaml-limits.js';
import { YamlSource } from './yaml-source.js';

const scratch = () => mkdtemp(join(tmpdir(), 'firedrill-limits-'));
const drillHead = 'apiVersion: firedrill/v1\nkind: Drill\n';

afterEach(() => vi.restoreAllMocks());

describe('input limits', () => {
  it('refuses a FIFO at once instead of blocking on it', async () => {
    const fifo = join(await scratch(), 'drill.yaml');
    execFileSync('mkfifo', [fifo]);
    const problems = await validateFile(fifo);
    expect(problems).toMatchObject([
      { file: fifo, line: 1, column: 1, message: 'cannot read the file: not a regular file (a named pipe)' },
    ]);
    expect(problems[0]!.hint).toMatch(/pipes, devices and directories are not read/);
  });

  it('refuses a directory', async () => {
    const dir = await scratch();
    expect((await validateFile(dir))[0]!.message).toBe(
      'cannot read the file: not a regular file (a directory)',
    );
  });

  it('refuses a file above 1 MiB before parsing it', async () => {
    const file = join(await scratch(), 'big.yaml');
    await writeFile(file, `${drillHead}description: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
    const parse = vi.spyOn(YamlSource, 'parse');
    const problems = await validateFile(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain(`larger than the limit of ${MAX_SOURCE_BYTES} bytes`);
    expect(parse).not.toHaveBeenCalled();
  });

  it('parses each file once: the drill once, its objectives table once', async () => {
    const dir = await scratch();
    await writeFile(
      join(dir, 'objectives.yaml'),
      'apiVersion: firedrill/v1\nkind: Objectives\nclasses:\n  one: { recover: 10s }\n',
    );
    await writeFile(
      join(dir, 'drill.yaml'),
      `${drillHead}name: x\ntarget: { type: process, nodes: { web: { command: [x] } } }\n` +
        'probes: [{ name: p, role: steady, type: tcp, host: 127.0.0.1, port: 1 }]\n' +
        'faults: [{ type: kill, node: web }]\nobjectives: { table: objectives.yaml, class: one }\n',
    );
    const parse = vi.spyOn(YamlSource, 'parse');
    expect(await validateFile(join(dir, 'drill.yaml'))).toEqual([]);
    expect(parse.mock.calls.map(([file]) => file.split('/').pop())).toEqual([
      'drill.yaml',
      'objectives.yaml',
    ]);
  });

  it('refuses nesting deeper than the limit, located, without overflowing the stack', () => {
    const deep = `${drillHead}description: ${'['.repeat(MAX_NESTING_DEPTH + 5)}${']'.repeat(MAX_NESTING_DEPTH + 5)}\n`;
    const problems = YamlSource.parse('deep.yaml', deep) as Array<{ line: number; message: string }>;
    expect(problems).toMatchObject([
      { line: 3, message: `the document nests deeper than ${MAX_NESTING_DEPTH} levels` },
    ]);
  });

  it('refuses a __proto__ key where it is written instead of dropping it', () => {
    const problems = YamlSource.parse('p.yaml', `${drillHead}target:\n  __proto__: { polluted: true }\n`);
    expect(problems).toMatchObject([
      { line: 4, column: 3, path: 'target.__proto__', message: 'the key "__proto__" is not allowed' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an alias that refers to a node containing it', () => {
    const problems = YamlSource.parse('c.yaml', `${drillHead}a: &x [1, *x]\n`);
    expect(problems).toMatchObject([{ line: 3, message: 'an alias refers to a node that contains it' }]);
  });

  it('keeps ordinary anchors and merge keys', () => {
    const source = YamlSource.parse('m.yaml', `${drillHead}base: &b { a: 1 }\nuse: { <<: *b, c: 2 }\n`);
    expect(source).toBeInstanceOf(YamlSource);
    expect((source as YamlSource).toJS()).toMatchObject({ use: { a: 1, c: 2 } });
  });
});
