import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../common/errors.js';
import { loadScenario } from '../../scenario/load.js';
import { scenarioDir } from '../../scenario/testing/scenario-files.js';
import { parseByteSize } from './byte-size.js';
import { dockerTargetSchema } from './docker-schema.js';
import { sinceParameter, splitTimestamp } from './log-timestamp.js';
import { demux } from './netns-sidecar.js';
import { containerTemplateValues } from './template-values.js';
import { tmpfsOptions } from './tmpfs-mount.js';

describe('byte sizes', () => {
  it("reads Docker's notation as binary units", () => {
    expect(parseByteSize('256m')).toBe(256 * 1024 ** 2);
    expect(parseByteSize('1g')).toBe(1024 ** 3);
    expect(parseByteSize('64MiB')).toBe(64 * 1024 ** 2);
    expect(parseByteSize('512k')).toBe(512 * 1024);
    expect(parseByteSize('1048576')).toBe(1048576);
    expect(parseByteSize('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('lots')).toBeUndefined();
  });
});

describe('docker log timestamps', () => {
  it('splits the nanosecond timestamp from the line and resumes after it', () => {
    const { nanos, line } = splitTimestamp('2026-11-22T03:06:37.941564862Z hello world');
    expect(line).toBe('hello world');
    expect(nanos).toBe(BigInt(Date.parse('2026-11-22T03:06:37Z') / 1000) * 1_000_000_000n + 941564862n);
    expect(sinceParameter(nanos!)).toBe(`${Date.parse('2026-11-22T03:06:37Z') / 1000}.941564862`);
    expect(splitTimestamp('no stamp')).toEqual({ nanos: undefined, line: 'no stamp' });
  });
});

describe('docker multiplexed output', () => {
  it('separates stdout and stderr frames', () => {
    const frame = (stream: number, text: string) => {
      const header = Buffer.alloc(8);
      header[0] = stream;
      header.writeUInt32BE(Buffer.byteLength(text), 4);
      return Buffer.concat([header, Buffer.from(text)]);
    };
    expect(demux(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'more\n')]))).toEqual({
      stdout: 'out\nmore\n',
      stderr: 'err\n',
    });
  });
});

describe('docker target schema', () => {
  const parse = (nodes: unknown) => dockerTargetSchema.safeParse({ type: 'docker', nodes });
  const messages = (nodes: unknown) =>
    parse(nodes).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

  it('parses sizes, env values, volumes and defaults', () => {
    const result = parse({
      web: {
        image: 'x',
        memory: '256m',
        tmpfs: { '/data': '64m' },
        env: { PORT: 8080 },
        volumes: ['./d:/data:ro'],
      },
    });
    expect(result.data?.nodes.web).toMatchObject({
      memory: 256 * 1024 ** 2,
      tmpfs: { '/data': { size: 64 * 1024 ** 2 } },
      env: { PORT: '8080' },
      volumes: [{ source: './d', target: '/data', read_only: true }],
      restart: 'no',
      stop_timeout: 10_000,
    });
  });

  it('says what is wrong with a wait, a size, a name', () => {
    expect(messages({ web: { image: 'x', ports: [8080], wait: { port: 9090 } } })).toEqual([
      'nodes.web.wait.port: port 9090 is not published (ports: 8080)',
    ]);
    expect(messages({ web: { image: 'x', ports: [80, 81], wait: { http: '/h' } } })).toEqual([
      'nodes.web.wait.port: wait.http needs `port: <n>` (ports: 80, 81)',
    ]);
    expect(messages({ web: { image: 'x', wait: { port: 1, log: 'x' } } })?.[0]).toContain(
      'give one of port, http or log',
    );
    expect(messages({ web: { image: 'x', memory: 'lots' } })).toEqual([
      'nodes.web.memory: expected a size such as 64m, 256m or 1g (k, m, g = KiB, MiB, GiB), found "lots"',
    ]);
    expect(messages({ Web: { image: 'x' } })?.[0]).toContain('expected a node name of lowercase letters');
  });

  it("takes a tmpfs mode and owner as fields, and refuses Docker's option string with the fields to write", () => {
    const tmpfs = {
      '/pg': { size: '160m', mode: 1777, uid: 999, gid: 999 },
      '/a': { size: '1m', mode: '700' },
    };
    const mounts = parse({ db: { image: 'x', tmpfs } }).data?.nodes.db?.tmpfs ?? {};
    expect(Object.values(mounts).map(tmpfsOptions)).toEqual([
      'rw,size=167772160,mode=1777,uid=999,gid=999',
      'rw,size=1048576,mode=0700',
    ]);
  });

  it("refuses a tmpfs written as Docker's option string at validate, naming the mapping to write", async () => {
    expect(await validate('/pg: 160m,mode=1777')).toEqual([
      '10:14 target.nodes.db.tmpfs."/pg": tmpfs options go in a mapping: { size: 160m, mode: 1777 } (found "160m,mode=1777")',
    ]);
    expect(await validate('/pg: { size: 1m, mode: rwx }')).toEqual([
      '10:32 target.nodes.db.tmpfs."/pg".mode: expected an octal file mode such as "1777" or "0700" (found "rwx")',
    ]);
    expect(await validate('/pg: lots')).toEqual([
      '10:14 target.nodes.db.tmpfs."/pg": expected a size such as 64m, 256m or 1g (k, m, g = KiB, MiB, GiB), or { size, mode, uid, gid } (found "lots")',
    ]);
  });
});

/** `firedrill validate` of a one-node docker drill with this tmpfs entry: its problems, one line each. */
async function validate(tmpfsEntry: string): Promise<string[]> {
  const dir = await scenarioDir({
    'drill.yaml': `apiVersion: firedrill/v1
kind: Drill
name: pg
target:
  type: docker
  nodes:
    db:
      image: x
      tmpfs:
        ${tmpfsEntry}
probes:
  - { name: up, role: steady, type: tcp, host: 127.0.0.1, port: 1 }
faults:
  - { type: kill, node: db }
objectives: { recover: 10s }
`,
  });
  const error = await loadScenario(join(dir, 'drill.yaml'), { env: {} }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ScenarioError)) return ['valid'];
  return error.problems.map(
    (p) => `${p.line}:${p.column} ${p.path}: ${p.message}${p.found ? ` (found ${p.found})` : ''}`,
  );
}

describe('container template values', () => {
  it('gives the host side and the in-network alias', () => {
    expect(containerTemplateValues([{ name: 'db', ports: { 5432: 40001 } }])).toEqual({
      'nodes.db.host': '127.0.0.1',
      'nodes.db.alias': 'db',
      'nodes.db.port.5432': '40001',
    });
  });
});
