import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../common/clock.js';
import { FaultNoEffectError } from '../common/errors.js';
import { offlineNodeControl } from '../engine/offline-node-control.js';
import { runUndoStep } from '../engine/undo-executor.js';
import { faultContextFor } from '../../test/fixtures/servers/fixture-target.js';
import { freePorts } from '../targets/process/free-port.js';
import type { StartedTarget } from '../targets/target.js';
import { httpInjector } from './http.js';

const parse = (input: object) => httpInjector.schema.safeParse({ type: 'http', ...input });
const noTarget = {
  nodes: new Map(),
  node: () => undefined as never,
  templateValues: () => ({}),
  stop: async () => {},
} as StartedTarget;
const context = faultContextFor(noTarget, new SystemClock());

interface Seen {
  method: string;
  url: string;
  type: string | undefined;
  body: string;
}

let server: Server;
let base = '';
const seen: Seen[] = [];
beforeEach(async () => {
  seen.length = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', type: req.headers['content-type'], body });
      const status = Number(/\/status\/(\d+)/.exec(req.url ?? '')?.[1] ?? 200);
      res.writeHead(status).end(status === 200 ? 'done\n' : 'broken\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('http fault', () => {
  it('sends the request (a mapping body as JSON), verified by its status; the revert request is recorded first', async () => {
    const fault = httpInjector.create(
      parse({
        url: `${base}/admin/mode`,
        body: { mode: 'degraded' },
        revert: { method: 'DELETE', url: `${base}/admin/mode` },
      }).data!,
    );
    const [step] = await fault.prepare(context);
    expect(step).toMatchObject({
      action: 'http.request',
      request: { method: 'DELETE', url: `${base}/admin/mode` },
    });
    expect(seen).toEqual([]);
    const effect = await fault.inject(context);
    expect(effect.summary).toBe(`POST ${base}/admin/mode answered 200: done`);
    expect(seen).toEqual([
      { method: 'POST', url: '/admin/mode', type: 'application/json', body: '{"mode":"degraded"}' },
    ]);
    expect(await runUndoStep(step!, { offline: offlineNodeControl })).toBe(`DELETE ${base}/admin/mode: 200`);
    expect(seen[1]).toMatchObject({ method: 'DELETE', url: '/admin/mode' });
  });

  it('fails as no-effect on an unexpected status or no answer', async () => {
    const wrong = httpInjector.create(parse({ method: 'PUT', url: `${base}/status/500`, body: 'x' }).data!);
    await expect(wrong.inject(context)).rejects.toThrow(
      new FaultNoEffectError(`PUT ${base}/status/500 answered 500 (expected 2xx): broken`),
    );
    const [closed] = await freePorts(1);
    const refused = httpInjector.create(parse({ url: `http://127.0.0.1:${closed}/x` }).data!);
    await expect(refused.inject(context)).rejects.toThrow(
      `GET http://127.0.0.1:${closed}/x: connect ECONNREFUSED`,
    );
  });

  it('accepts the statuses it is told to expect', async () => {
    const fault = httpInjector.create(parse({ url: `${base}/status/503`, status: [503, '2xx'] }).data!);
    expect((await fault.inject(context)).summary).toBe(`GET ${base}/status/503 answered 503: broken`);
  });

  it('describes itself for plans, and needs a revert for a duration', () => {
    const config = parse({
      url: 'http://x/a',
      body: 'b',
      revert: { url: 'http://x/b' },
      duration: '10s',
    }).data!;
    expect(httpInjector.describe(config)).toBe(
      'POST http://x/a (expect 2xx); revert with GET http://x/b after 10.0s',
    );
    expect(parse({ url: 'http://x/a', duration: '10s' }).success).toBe(false);
  });
});
