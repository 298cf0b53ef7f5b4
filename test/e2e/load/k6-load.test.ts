import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../../src/common/clock.js';
import { silentLogger } from '../../../src/common/logger.js';
import { loadSchema } from '../../../src/load/load-schema.js';
import { startLoad, type LoadDeps } from '../../../src/load/load-run.js';
import { describeWithTool, toolMissing } from '../support/tools.js';

let server: Server;
let base: string;
let served = 0;
beforeAll(async () => {
  server = createServer((_req, res) => {
    served++;
    res.writeHead(served % 4 === 0 ? 503 : 200).end('x'); // a known failure ratio: 25%
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((done) => server.close(() => done()));
});

function deps(env: NodeJS.ProcessEnv = process.env): LoadDeps & { runDir: string } {
  const runDir = mkdtempSync(join(tmpdir(), 'firedrill-load-'));
  return {
    clock: new SystemClock(),
    logger: silentLogger,
    baseDir: runDir,
    runDir,
    values: {},
    maxDurationMs: 60_000,
    env,
  };
}

describeWithTool('k6', 'load through k6', () => {
  it('streams per-request results from a generated constant-arrival-rate test while it runs', async () => {
    expect(toolMissing('k6')).toBeUndefined();
    served = 0;
    const d = deps();
    const load = await startLoad(loadSchema.parse({ url: base, rate: '200/s' }), d);
    expect(load.generator).toBe('k6');
    await d.clock.sleep(2500);
    const { report, requests } = await load.stop();
    expect(report).toMatchObject({ generator: 'k6', k6: { exitCode: 105, meaning: 'stopped by firedrill' } });
    expect(report.k6?.thresholdsFailed).toBe(false);
    expect(report.reason).toMatch(/^k6 2\.2\.0 at .*k6, generated constant-arrival-rate test$/);
    // k6 takes a moment to start; then 200/s.
    expect(requests.length).toBeGreaterThan(250);
    const ratio = requests.filter((r) => r.ok).length / requests.length;
    expect(Math.abs(ratio - 0.75)).toBeLessThan(0.01);
    const at = requests.map((r) => r.at);
    expect(at[0]).toBeGreaterThan(0);
    expect(at.at(-1)).toBeLessThan(d.clock.now());
    // Arrivals 5ms apart on the run clock.
    const spread = (at.at(-1)! - at[0]!) / (at.length - 1);
    expect(spread).toBeGreaterThan(4.5);
    expect(spread).toBeLessThan(5.5);
    expect(readdirSync(join(d.runDir, 'load')).sort()).toEqual(['k6-script.js', 'k6.log']);
  });

  it("reports a script's failed thresholds (exit 99) as k6's verdict, with the requests", async () => {
    const d = deps();
    writeFileSync(
      join(d.runDir, 'strict.js'),
      `import http from 'k6/http';
       export const options = { vus: 2, duration: '1s', thresholds: { http_req_failed: ['rate<0.01'] } };
       export default function () { http.get(__ENV.FIREDRILL_URL); }`,
    );
    const load = await startLoad(loadSchema.parse({ url: base, rate: 10, k6: { script: 'strict.js' } }), d);
    await d.clock.sleep(3500); // the script ends by itself after 1s
    const { report, requests } = await load.stop();
    expect(report.k6).toMatchObject({ exitCode: 99, thresholdsFailed: true, endedEarly: true });
    expect(requests.length).toBeGreaterThan(10);
  });

  it('says why when the script cannot run', async () => {
    const d = deps();
    writeFileSync(join(d.runDir, 'broken.js'), 'export default function () { throw new Error("boom") ');
    const load = await startLoad(loadSchema.parse({ k6: { script: 'broken.js' } }), d);
    await d.clock.sleep(1500);
    const { report } = await load.stop();
    expect(report.k6?.endedEarly).toBe(true);
    expect(report.k6?.exitCode).not.toBe(0);
    expect(report.k6?.lastLines?.join('\n')).toMatch(/SyntaxError|Unexpected|expected/i);
  });
});

describe('load without k6', () => {
  it('FIREDRILL_K6=none: the built-in load stands in and says why', async () => {
    served = 0;
    const d = deps({ ...process.env, FIREDRILL_K6: 'none' });
    const load = await startLoad(loadSchema.parse({ url: base, rate: 100 }), d);
    expect(load.generator).toBe('builtin');
    await d.clock.sleep(1000);
    const { report, requests } = await load.stop();
    expect(report).toEqual({
      generator: 'builtin',
      reason: 'k6 is switched off (FIREDRILL_K6=none): the built-in load stood in',
      requests: requests.length,
      dropped: 0,
    });
    expect(Math.abs(requests.filter((r) => r.ok).length / requests.length - 0.75)).toBeLessThan(0.02);
  });

  it('generator k6 without k6 is an environment error with the install hint', async () => {
    const d = deps({ ...process.env, FIREDRILL_K6: 'none' });
    await expect(
      startLoad(loadSchema.parse({ url: base, rate: 100, generator: 'k6' }), d),
    ).rejects.toMatchObject({
      code: 'ENVIRONMENT',
      message: 'load: generator k6 was asked for, but k6 is switched off (FIREDRILL_K6=none)',
      hint: expect.stringContaining('setup-env.sh'),
    });
  });
});
