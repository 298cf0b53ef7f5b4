import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';
// main() imports a command's module when it runs: load it here, outside the first test's timeout.
import './schedule.js';

const repo = resolve(import.meta.dirname, '../../..');

/** Runs `firedrill ...` in-process at a fixed wall time and captures what it prints. */
async function firedrill(now: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(now) });
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(['node', 'firedrill', ...args]);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('firedrill schedule', () => {
  it('--list prints the shipped calendar: next fire times in its zone and the drills of each tier', async () => {
    const file = join(repo, 'scenarios/schedule.yaml');
    const { code, stdout } = await firedrill(
      '2026-12-20T12:00:00Z',
      'schedule',
      file,
      '--list',
      '--count',
      '2',
    );
    expect(code).toBe(0);
    const blocks = stdout.split('\n\n');
    expect(blocks[0]).toMatch(/^drill calendar .*scenarios\/schedule\.yaml \(times in Europe\/Berlin\)$/);
    expect(blocks.slice(1, 5).map((b) => b.split('\n').slice(0, 3).join('\n'))).toEqual([
      'weekly  0 3 * * 1 (default)\n  next  Mon 2026-12-21 03:00 +01:00\n        Mon 2026-12-28 03:00 +01:00',
      'monthly  0 3 1 * * (default)\n  next  Fri 2027-01-01 03:00 +01:00\n        Mon 2027-02-01 03:00 +01:00',
      'quarterly  0 3 1 1,4,7,10 * (default)\n  next  Fri 2027-01-01 03:00 +01:00\n        Thu 2027-04-01 03:00 +02:00',
      'annually  0 3 1 1 * (default)\n  next  Fri 2027-01-01 03:00 +01:00\n        Sat 2028-01-01 03:00 +01:00',
    ]);
    expect(blocks[1]).toMatch(/runs {2}(\*\*\/\*drift\*\.yaml {2}\(matches no file yet\)|\S*drift\S*\.yaml)/);
  });

  it('the shipped calendar is a valid Schedule', async () => {
    const { code, stdout } = await firedrill(
      '2026-12-20T12:00:00Z',
      'validate',
      join(repo, 'scenarios/schedule.yaml'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok {2}/);
  });

  it('--due --dry-run shows what is due from the history and runs nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'firedrill-schedule-cli-'));
    const drill = join(repo, 'test/fixtures/drills/kill-restart.yaml');
    const tight = join(repo, 'test/fixtures/drills/kill-restart-tight.yaml');
    const schedule = join(cwd, 'schedule.yaml');
    writeFileSync(
      schedule,
      `apiVersion: firedrill/v1\nkind: Schedule\ntimezone: Europe/Berlin\nreports: ${join(cwd, 'reports')}\n` +
        `tiers:\n  weekly: { scenarios: ['${drill}', '${tight}'] }\n`,
    );
    const runDir = join(cwd, 'reports/process-kill-restart/20261221T020500Z-00000001');
    mkdirSync(runDir, { recursive: true });
    const result = {
      schema: 'firedrill.result/v1',
      scenario: { name: 'process-kill-restart' },
      startedAt: '2026-12-21T02:05:00.000Z',
      verdict: 'passed',
    };
    writeFileSync(join(runDir, 'result.json'), JSON.stringify(result));

    const { code, stdout } = await firedrill(
      '2026-12-22T12:00:00Z',
      'schedule',
      schedule,
      '--due',
      '--dry-run',
    );
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'weekly  last fired Mon 2026-12-21 03:00 +01:00  DUE',
      // Shown relative to the working directory (the repository here).
      `  done  test/fixtures/drills/kill-restart.yaml  last run Mon 2026-12-21 03:05 +01:00 (passed)`,
      '  due   test/fixtures/drills/kill-restart-tight.yaml  never run',
    ]);
  });

  it('refuses --list with --due, and a broken schedule with exit 2 and its location', async () => {
    const file = join(repo, 'scenarios/schedule.yaml');
    const both = await firedrill('2026-12-20T12:00:00Z', 'schedule', file, '--list', '--due');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--list and --due do not go together');
    const cwd = mkdtempSync(join(tmpdir(), 'firedrill-schedule-cli-'));
    writeFileSync(
      join(cwd, 's.yaml'),
      "apiVersion: firedrill/v1\nkind: Schedule\ntiers:\n  nightly: { cron: '0 3 * *', scenarios: [x.yaml] }\n",
    );
    const broken = await firedrill('2026-12-20T12:00:00Z', 'schedule', join(cwd, 's.yaml'), '--list');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(
      's.yaml:4:20: tiers.nightly.cron: invalid cron expression: expected 5 or 6 fields but got 4',
    );
  });

  it('refuses an --out that is not a directory before any drill runs, with exit 2', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'firedrill-schedule-cli-'));
    const drill = join(repo, 'test/fixtures/drills/kill-restart.yaml');
    const schedule = join(cwd, 'schedule.yaml');
    writeFileSync(
      schedule,
      `apiVersion: firedrill/v1\nkind: Schedule\ntimezone: UTC\ntiers:\n  weekly: { scenarios: ['${drill}'] }\n`,
    );
    const file = join(cwd, 'not-a-dir');
    writeFileSync(file, '');
    const { code, stdout, stderr } = await firedrill(
      '2026-12-22T12:00:00Z',
      'schedule',
      schedule,
      '--due',
      '--out',
      file,
    );
    expect(code).toBe(2);
    expect(stderr).toContain(`--out ${file}: ${file} exists and is not a directory`);
    expect(stdout).not.toMatch(/started|passed|failed/);
  });
});
