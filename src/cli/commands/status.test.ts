import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DrillResult } from '../../result/index.js';
import type { StatusReport } from '../../status/status-report.js';
import { main } from '../main.js';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/results');
const DAY = 86_400_000;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'firedrill-status-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  rmSync(root, { recursive: true, force: true });
});

const table = `apiVersion: firedrill/v1
kind: Objectives
classes:
  process-restart:
    name: Process restart
    claim: { recover: 1s }
    recover: 10s
  full-restore:
    name: Full restore
    protects: User data
    recover: 5m
    lost_writes: 0
`;

/**
 * Recorded runs (test/fixtures/results) as if their drills named a class of the table: the
 * passed kill/restart, the failed tight one (its recover row failed a 1s objective at the time),
 * and an aborted run that must not count. Dated `daysAgo` before now: the CLI reads the real clock.
 */
function history(): { tableFile: string; reports: string } {
  const tableFile = join(root, 'objectives.yaml');
  writeFileSync(tableFile, table);
  const reports = join(root, 'reports');
  const runs: Array<[string, number]> = [
    ['process-kill-restart', 3],
    ['process-kill-restart-tight', 2],
    ['process-steady-broken', 1],
  ];
  for (const [scenario, daysAgo] of runs) {
    const [run] = readdirSync(join(fixtures, scenario));
    const dir = join(reports, scenario, run as string);
    cpSync(join(fixtures, scenario, run as string), dir, { recursive: true });
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as DrillResult;
    result.startedAt = new Date(Date.now() - daysAgo * DAY).toISOString();
    result.scenario.file = join(root, 'drill.yaml');
    result.scenario.tier = 'weekly';
    const config = result.scenario.config as Record<string, unknown>;
    config.objectivesFrom = { table: './objectives.yaml', class: 'process-restart' };
    writeFileSync(join(dir, 'result.json'), JSON.stringify(result));
  }
  return { tableFile, reports };
}

async function status(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(['node', 'firedrill', 'status', ...args]);
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('firedrill status', () => {
  it('prints measured rows for the drilled class and UNTESTED for the undrilled one', async () => {
    const { tableFile, reports } = history();
    const { code, stdout, stderr } = await status(tableFile, '--reports', reports);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Both finished runs count (2.19s and 2.09s); the aborted one does not. The claim of 1s is broken.
    expect(stdout).toMatch(
      /Process restart \(process-restart\)\s+TTR\s+≤ 1\.00s\s+≤ 10\.0s\s+2\.09s\s+2d ago · weekly\s+p50 2\.09s · p95 2\.19s · max 2\.19s \(2 runs\)\s+claim broken\n/,
    );
    expect(stdout).toMatch(
      /Full restore \(full-restore\)\s+TTR\s+—\s+≤ 5m00s\s+UNTESTED\s+never\s+—\s+UNTESTED\n/,
    );
    expect(stdout).toMatch(/Full restore \(full-restore\)\s+User data\s+lost writes\s+—\s+≤ 0\s+UNTESTED/);
    expect(stdout).toContain('full-restore TTR: no drill run references this class');
    expect(stdout).toMatch(
      /Process restart \(process-restart\)\s+2\s+—\s+—\s+—\s+—\s+2\.14s\s+2\.09s\s+2\.19s\s+2\.19s/,
    );
  });

  it('--fail-on untested exits 1 naming the rows; --fail-on stale exits 0 when nothing is stale', async () => {
    const { tableFile, reports } = history();
    const untested = await status(tableFile, '--reports', reports, '--fail-on', 'untested');
    expect(untested.code).toBe(1);
    expect(untested.stderr.split('\n')).toEqual([
      'fail-on: full-restore recover is UNTESTED',
      'fail-on: full-restore lost_writes is UNTESTED',
    ]);
    const stale = await status(tableFile, '--reports', reports, '--fail-on', 'stale,failed');
    expect(stale.code).toBe(0);
    const broken = await status(tableFile, '--reports', reports, '--fail-on', 'claim-broken');
    expect(broken.code).toBe(1);
  });

  it('a short period makes the class stale: its last run is older than both the period and its week', async () => {
    const { tableFile, reports } = history();
    const json = await status(tableFile, '--reports', reports, '--since', '1d', '--format', 'json');
    const report = JSON.parse(json.stdout) as StatusReport;
    const row = report.rto.find((r) => r.class === 'process-restart');
    // Runs are 2 and 3 days old: none in a 1-day period, the latest (2 days) still within its week.
    expect(row).toMatchObject({ status: 'claim-broken', last: { value: expect.closeTo(2091.1, 0) } });
    expect(row?.period).toBeUndefined();
    expect(report.mttr[0]).toMatchObject({ runs: 0, ttr: null });
  });

  it('--format markdown gives the GitHub tables', async () => {
    const { tableFile, reports } = history();
    const { stdout } = await status(tableFile, '--reports', reports, '--format', 'markdown');
    expect(stdout).toMatch(/^### Recovery objectives\n/);
    expect(stdout).toContain(
      '| class | objective | claim | target | last run | drilled | over the period | status |',
    );
    expect(stdout).toContain('| ❌ UNTESTED |');
  });

  it.each([
    [['--since', '3 months'], '--since: expected a period such as 90d'],
    [['--fail-on', 'untested,broken'], '--fail-on: unknown status "broken"'],
    // commander itself writes this one to stderr: the exit code is what counts here.
    [['--format', 'html'], ''],
  ])('refuses %j with exit 2', async (args, message) => {
    const { tableFile, reports } = history();
    const { code, stderr } = await status(tableFile, '--reports', reports, ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('an invalid table is exit 2 with its location; a missing reports directory is a usage error', async () => {
    const { reports } = history();
    const bad = join(root, 'bad.yaml');
    writeFileSync(bad, table.replace('claim: { recover: 1s }', 'claim: { detect: 1s }'));
    const invalid = await status(bad, '--reports', reports);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(
      `${bad}:6:22: classes.process-restart.claim.detect: a claim on "detect" needs a target`,
    );
    const missing = await status(join(root, 'objectives.yaml'), '--reports', join(root, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });
});
