import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../common/clock.js';
import { startBuiltinLoad } from './builtin-load.js';
import type { HttpLoadSpec } from './generator.js';

let server: Server;
let base: string;
let served = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers
    served++;
    // Every 4th request fails: a known failure ratio of 25%.
    res.writeHead(served % 4 === 0 ? 503 : 200).end('x');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((done) => server.close(() => done()));
});

const spec = (path: string, overrides: Partial<HttpLoadSpec> = {}): HttpLoadSpec => ({
  url: new URL(`${base}${path}`),
  method: 'GET',
  timeoutMs: 2000,
  ratePerSecond: 200,
  maxInFlight: 50,
  ...overrides,
});

describe('built-in load', () => {
  it('sends a constant arrival rate and records each request at its start on the run clock', async () => {
    const clock = new SystemClock();
    served = 0;
    const startedAt = clock.now();
    const load = startBuiltinLoad(spec('/'), clock);
    await clock.sleep(1000);
    const { requests, dropped } = await load.stop();
    expect(dropped).toBe(0);
    // 200/s for one second: 200 arrivals (201 counting both ends), each 5ms after the previous.
    expect(requests.length).toBeGreaterThanOrEqual(195);
    expect(requests.length).toBeLessThanOrEqual(202);
    const gaps = requests.slice(1).map((r, i) => r.at - requests[i]!.at);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeCloseTo(5, 0);
    expect(requests[0]!.at - startedAt).toBeLessThan(20);
    const failed = requests.filter((r) => !r.ok).length;
    expect(failed).toBe(Math.floor(requests.length / 4));
    expect(requests.every((r) => r.latencyMs >= 0 && r.latencyMs < 500)).toBe(true);
  });

  it('drops arrivals beyond max_in_flight and fails requests past their timeout', async () => {
    const clock = new SystemClock();
    const load = startBuiltinLoad(
      spec('/hang', { maxInFlight: 5, timeoutMs: 300, ratePerSecond: 50 }),
      clock,
    );
    await clock.sleep(500);
    const { requests, dropped } = await load.stop();
    expect(dropped).toBeGreaterThan(5);
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(requests.every((r) => !r.ok)).toBe(true);
    expect(requests[0]!.latencyMs).toBeGreaterThanOrEqual(299);
    expect(requests[0]!.latencyMs).toBeLessThan(400);
  });

  it('counts refused connections as failures', async () => {
    const clock = new SystemClock();
    const load = startBuiltinLoad(spec('/', { url: new URL('http://127.0.0.1:1/') }), clock);
    await clock.sleep(100);
    const { requests } = await load.stop();
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.every((r) => !r.ok)).toBe(true);
  });
});
