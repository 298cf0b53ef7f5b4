import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../common/logger.js';
import {
  FIXTURE_DIR,
  startProcessTarget,
  type FixtureRun,
} from '../../test/fixtures/servers/fixture-target.js';
import { integritySchema } from './integrity-schema.js';
import { IntegrityLedger } from './integrity-ledger.js';
import { ledgerDrivers } from './registry.js';

// The engine imports a drill's driver before the run (loadDrillPlugins); so do these tests.
await Promise.all(Object.values(ledgerDrivers).map((driver) => driver.load()));

let run: FixtureRun;
let kv: string;
beforeAll(async () => {
  run = await startProcessTarget({
    kv: {
      command: ['node', 'kv-server.mjs'],
      env: { PORT: '${port.http}' },
      ports: { http: 'auto' },
      ready: { http: '/health', timeout: '10s' },
      stop_timeout: '2s',
    },
  });
  kv = `http://127.0.0.1:${run.target.templateValues()['nodes.kv.port.http']}`;
});
afterAll(() => run.target.stop());

const signal = new AbortController().signal;

async function ledgerRun(input: Record<string, unknown>, baseDir = FIXTURE_DIR, ms = 300) {
  const config = integritySchema.parse({ rate: '50/s', ...input });
  const ledger = new IntegrityLedger(config, {
    clock: run.clock,
    logger: silentLogger,
    baseDir,
    runId: `t${Math.random().toString(16).slice(2, 8)}`,
    target: run.target,
  });
  await ledger.start(signal);
  await run.clock.sleep(ms);
  await ledger.stopWriting();
  return ledger;
}

describe('integrity drivers', () => {
  it('http, list read: every acknowledged write is found; one deleted behind its back is lost', async () => {
    const ledger = await ledgerRun({
      driver: 'http',
      write: { url: `${kv}/kv/\${id}` },
      read: { url: `${kv}/kv` },
    });
    const outcome = await ledger.readBack(signal);
    expect(outcome.ok).toBe(true);
    const report = ledger.report();
    expect(report.attempted).toBeGreaterThanOrEqual(14);
    expect(report).toMatchObject({ driver: 'http', lost: 0, unacknowledged: 0, recovered: 0 });
    expect(report.acknowledged).toBe(report.attempted);
  });

  it('http, per-id read (${id} in the read url), and a refused write stays unacknowledged', async () => {
    const ledger = await ledgerRun({
      driver: 'http',
      write: { url: `${kv}/nope/\${id}`, method: 'POST' },
      read: { url: `${kv}/kv/\${id}` },
    });
    await ledger.readBack(signal);
    const report = ledger.report();
    expect(report.acknowledged).toBe(0);
    expect(report.writeErrors).toEqual([{ error: 'HTTP 404 not found', count: report.attempted }]);
    expect(ledger.unavailable()).toBe('no ledger write was acknowledged');
  });

  it('exec on the host: a command per write, one that lists the ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-ledger-'));
    const ledger = await ledgerRun(
      { driver: 'exec', write: 'echo ${id} >> ledger.txt', read: ['cat', 'ledger.txt'] },
      dir,
      200,
    );
    // Lose an acknowledged write on purpose, by its id: the writes' shells run side by side, so on
    // a busy machine the file's first line need not be the first write, and the first write may
    // have outlived its timeout (unacknowledged: not lost, whatever the file says).
    const victim = ledger.writes.find((w) => w.ackedAt !== undefined)!.id;
    const lines = readFileSync(join(dir, 'ledger.txt'), 'utf8').split('\n');
    expect(lines).toContain(victim);
    writeFileSync(join(dir, 'ledger.txt'), lines.filter((line) => line !== victim).join('\n'));
    await ledger.readBack(signal);
    const summary = ledger.summary();
    expect(summary?.lost.map((w) => w.id)).toEqual([victim]);
    expect(ledger.report().lostIds).toEqual([victim]);
  });

  it("module: the user's own writer and a per-id reader", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-ledger-'));
    writeFileSync(
      join(dir, 'ledger.mjs'),
      `export default ({ options }) => {
         const kept = new Set();
         return {
           async write(id) { if (!id.endsWith('-2')) kept.add(id); },
           async has(id) { return kept.has(id) && options.honest; },
         };
       };`,
    );
    const ledger = await ledgerRun(
      { driver: 'module', path: 'ledger.mjs', options: { honest: true } },
      dir,
      100,
    );
    await ledger.readBack(signal);
    expect(ledger.summary()?.lost.map((w) => w.id)).toEqual([ledger.writes[1]!.id]);
  });

  it('validates: the write must carry ${id}; one of url/sentinel for redis; loopback or own hosts only', () => {
    const parse = (input: object) => integritySchema.safeParse(input);
    expect(
      parse({ driver: 'http', write: { url: 'http://x/kv', body: 'hello' }, read: { url: 'http://x/kv' } })
        .error?.issues[0],
    ).toMatchObject({
      path: ['write', 'url'],
      message: 'the write must carry its id: use ${id} in write.url or write.body',
    });
    expect(parse({ driver: 'redis' }).error?.issues[0]?.message).toBe(
      'give either url (one server) or sentinel (hosts and name)',
    );
    expect(parse({ driver: 'redis', sentinel: { hosts: ['s1'], name: 'm' } }).success).toBe(false);
    expect(parse({ driver: 'exec', write: 'true', read: 'true' }).success).toBe(false);
    expect(parse({ driver: 'carrier-pigeon' }).success).toBe(false);
    const config = integritySchema.parse({
      driver: 'http',
      write: { url: 'http://example.com/kv/${id}' },
      read: { url: 'http://example.com/kv' },
    });
    expect(
      () =>
        new IntegrityLedger(config, {
          clock: run.clock,
          logger: silentLogger,
          baseDir: '.',
          runId: 'x',
          target: run.target,
        }),
    ).toThrow('integrity.write.url: http://example.com/kv/x is not a host of this drill');
  });
});
