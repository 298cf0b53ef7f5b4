import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../common/clock.js';
import { silentLogger } from '../../common/logger.js';
import { runCommand } from '../../targets/process/run-command.js';
import type { StartedTarget, TargetNode } from '../../targets/target.js';
import { consistencySchema } from './consistency-schema.js';
import { openStateReads } from './open-state-reads.js';

/** Three "replicas": each an HTTP server answering its own state and applied position. */
const held: Record<string, { seq: number; data: string }> = {
  n1: { seq: 12, data: 'abc' },
  n2: { seq: 10, data: 'abc' },
  n3: { seq: 11, data: 'xyz' },
};
const servers = new Map<string, Server>();
const values: Record<string, string> = {};

beforeAll(async () => {
  for (const node of Object.keys(held)) {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const state = held[node]!;
      res.end(
        JSON.stringify({ position: { seq: state.seq }, at: url.searchParams.get('at'), data: state.data }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.set(node, server);
    values[`nodes.${node}.host`] = '127.0.0.1';
    values[`nodes.${node}.port.http`] = String((server.address() as AddressInfo).port);
  }
});
afterAll(() => servers.forEach((server) => server.close()));

/** Nodes whose exec runs on this host with NODE set, as a process target's nodes do. */
const nodes = new Map(
  Object.keys(held).map((name) => [
    name,
    {
      name,
      exec: (argv: string[], options?: { signal?: AbortSignal }) =>
        runCommand(argv, { env: { NODE: name }, ...(options?.signal && { signal: options.signal }) }),
    } as unknown as TargetNode,
  ]),
);
const target = { nodes, node: (name: string) => nodes.get(name)! } as unknown as StartedTarget;

function reads(section: unknown, baseDir = tmpdir()) {
  const config = consistencySchema.parse(section);
  return openStateReads(config, {
    target,
    clock: new SystemClock(),
    logger: silentLogger,
    baseDir,
    values,
    source: { file: 'drill.yaml', locate: () => ({ line: 1, column: 1 }) },
  });
}

const signal = new AbortController().signal;

describe('reading each replica’s state', () => {
  it('http: GETs the URL templated for each node and picks the JSON field', async () => {
    const round = await reads({
      read: { http: 'http://${node.host}:${node.port.http}/digest', json_path: '$.data' },
    }).round(signal);
    expect(round).toEqual({
      n1: { ok: true, text: 'abc' },
      n2: { ok: true, text: 'abc' },
      n3: { ok: true, text: 'xyz' },
    });
  });

  it('with at: reads every node at the lowest position any of them applied', async () => {
    const round = await reads({
      at: { http: 'http://${node.host}:${node.port.http}/', json_path: '$.position.seq' },
      read: { http: 'http://${node.host}:${node.port.http}/digest?at=${consistency.at}', json_path: '$.at' },
      nodes: ['n1', 'n3'],
    }).round(signal);
    // n2 (seq 10) is not read: the lowest of n1 and n3 is 11.
    expect(round).toEqual({ n1: { ok: true, text: '11' }, n3: { ok: true, text: '11' } });
  });

  it('exec: runs the command in each node; its output, trimmed, is the state; a failure is named', async () => {
    const ok = await reads({ read: { exec: 'echo "  state of $NODE  "' } }).round(signal);
    expect(ok.n2).toEqual({ ok: true, text: 'state of n2' });
    const failed = await reads({ read: { exec: ['sh', '-c', 'echo no such table >&2; exit 3'] } }).round(
      signal,
    );
    expect(failed.n1).toMatchObject({ ok: false, error: expect.stringContaining('no such table') });
  });

  it('a read that is not the JSON it should be fails with why', async () => {
    const round = await reads({ read: { exec: 'echo not json', json_path: '$.hash' }, nodes: ['n1'] }).round(
      signal,
    );
    expect(round.n1).toEqual({ ok: false, error: 'not JSON: not json' });
  });

  it('bounds each read by its timeout', async () => {
    const round = await reads({ read: { exec: 'sleep 5' }, timeout: '200ms', nodes: ['n1'] }).round(signal);
    expect(round.n1).toEqual({ ok: false, error: 'timeout after 200ms' });
  });

  it('module: asks the user module for each node, with the section’s options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-reader-'));
    writeFileSync(
      join(dir, 'reader.mjs'),
      'export default ({ options }) => ({ read: async (node) => ({ node, salt: options.salt }) });\n',
    );
    const section = reads({ read: { module: './reader.mjs', options: { salt: 's1' } }, nodes: ['n3'] }, dir);
    await section.ready();
    expect(await section.round(signal)).toEqual({ n3: { ok: true, text: '{"node":"n3","salt":"s1"}' } });
    await section.close();
  });
});
