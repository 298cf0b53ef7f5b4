import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../common/clock.js';
import { silentLogger } from '../common/logger.js';
import { httpServerNode, startProcessTarget } from '../../test/fixtures/servers/fixture-target.js';
import { freePorts } from '../targets/process/free-port.js';
import type { StartedProcessTarget } from '../targets/process/process-target.js';
import { httpProbe } from './http.js';

let target: StartedProcessTarget;
let base: string;
beforeAll(async () => {
  ({ target } = await startProcessTarget({ web: httpServerNode() }));
  base = `http://127.0.0.1:${target.templateValues()['nodes.web.port.http']}`;
});
afterAll(() => target.stop());

function check(input: Record<string, unknown>) {
  const config = httpProbe.schema.parse({ type: 'http', name: 'p', role: 'steady', ...input });
  const probe = httpProbe.create(config, {
    target,
    clock: new SystemClock(),
    logger: silentLogger,
    baseDir: '.',
  });
  return probe.check(new AbortController().signal);
}

describe('http probe', () => {
  it('passes on 2xx by default, with the latency as value', async () => {
    const outcome = await check({ url: `${base}/health` });
    expect(outcome).toMatchObject({ ok: true, detail: 'HTTP 200' });
    expect(outcome.value).toBeGreaterThan(0);
  });

  it('fails on another status, saying which', async () => {
    expect(await check({ url: `${base}/status/503` })).toMatchObject({ ok: false, detail: 'HTTP 503' });
    expect(await check({ url: `${base}/status/503`, status: 503 })).toMatchObject({ ok: true });
    expect(await check({ url: `${base}/status/503`, status: ['5xx', 404] })).toMatchObject({ ok: true });
    expect(await check({ url: `${base}/status/204`, status: [200] })).toMatchObject({
      ok: false,
      detail: 'HTTP 204',
    });
  });

  it('checks the body against body_matches', async () => {
    expect(await check({ url: `${base}/pid`, body_matches: '^\\d+$' })).toMatchObject({ ok: true });
    expect(await check({ url: `${base}/health`, body_matches: 'degraded' })).toMatchObject({
      ok: false,
      detail: 'HTTP 200, body did not match /degraded/',
    });
  });

  it('sends method, headers and body', async () => {
    const outcome = await check({
      url: `${base}/echo`,
      method: 'POST',
      headers: { 'x-echo': 'hi' },
      body: 'payload',
      body_matches: '^POST hi payload$',
    });
    expect(outcome.ok).toBe(true);
  });

  it('reports a refused connection', async () => {
    const [port] = await freePorts(1);
    expect(await check({ url: `http://127.0.0.1:${port}/health` })).toEqual({
      ok: false,
      detail: `connect ECONNREFUSED 127.0.0.1:${port}`,
    });
  });

  it('times out on a slow answer, promptly', async () => {
    const startedAt = performance.now();
    expect(await check({ url: `${base}/slow?ms=3000`, timeout: '200ms' })).toEqual({
      ok: false,
      detail: 'timeout after 200ms',
    });
    expect(performance.now() - startedAt).toBeLessThan(600);
  });

  it('validates its fields, templates allowed', () => {
    const parse = (input: object) =>
      httpProbe.schema.safeParse({ type: 'http', name: 'p', role: 'steady', ...input });
    expect(parse({ url: 'http://${nodes.web.host}:${nodes.web.port.http}/health' }).success).toBe(true);
    expect(parse({ url: 'localhost:8080/health' }).error?.issues[0]?.message).toBe(
      'expected an http:// or https:// URL, found "localhost:8080/health"',
    );
    expect(parse({ url: 'http://x/', body_matches: '(' }).error?.issues[0]?.message).toMatch(
      /not a valid regular expression/,
    );
    expect(parse({ url: 'http://x/', status: '6xx' }).success).toBe(false);
    expect(parse({ url: 'http://x/', timeout: 'soon' }).success).toBe(false);
    expect(parse({ url: 'http://x/', methd: 'GET' }).success).toBe(false);
  });
});

describe('http probe: JSON body', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url === '/text' ? 'plain' : JSON.stringify({ role: 'master', replicas: [{ lag: 3 }] }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('passes when the value at json_path equals or matches the expectation', async () => {
    expect(await check({ url: `${url}/`, json_path: '$.role', json_equals: 'master' })).toMatchObject({
      ok: true,
    });
    expect(await check({ url: `${url}/`, json_path: '$.replicas[0].lag', json_equals: 3 })).toMatchObject({
      ok: true,
    });
    expect(
      await check({ url: `${url}/`, json_path: '$.replicas[0].lag', json_matches: '^[0-4]$' }),
    ).toMatchObject({
      ok: true,
    });
    expect(await check({ url: `${url}/`, json_path: '$.replicas' })).toMatchObject({ ok: true });
  });

  it('fails with what it found', async () => {
    expect(await check({ url: `${url}/`, json_path: '$.role', json_equals: 'replica' })).toMatchObject({
      ok: false,
      detail: 'HTTP 200, $.role is master, expected "replica"',
    });
    expect(await check({ url: `${url}/`, json_path: '$.replicas[0].lag', json_equals: '3' })).toMatchObject({
      ok: false,
      detail: 'HTTP 200, $.replicas[0].lag is 3, expected "3"',
    });
    expect(await check({ url: `${url}/`, json_path: '$.replicas[1].lag' })).toMatchObject({
      ok: false,
      detail: 'HTTP 200, $.replicas[1] is not in the body',
    });
    expect(await check({ url: `${url}/text`, json_path: '$.role' })).toMatchObject({
      ok: false,
      detail: 'HTTP 200, body is not JSON: plain',
    });
  });

  it('validates the path and needs it for json_equals / json_matches', () => {
    const parse = (input: object) =>
      httpProbe.schema.safeParse({ type: 'http', name: 'p', role: 'steady', url: 'http://x/', ...input });
    expect(parse({ json_path: 'role' }).error?.issues[0]?.message).toMatch(/starts with \$/);
    expect(parse({ json_equals: 'master' }).error?.issues[0]).toMatchObject({
      path: ['json_equals'],
      message: 'json_equals needs json_path: which value of the JSON body to compare',
    });
  });
});
