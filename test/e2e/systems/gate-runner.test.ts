import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillFixture, repoRoot } from '../engine/run-cli.js';

// The gate runner (scripts/gate.ts) on quick process drills: what CI relies on is its exit code
// (expectations checked, an expected failure tolerated, anything else fatal) and its reports.

interface GateRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  out: string;
}

function runGate(list: string): Promise<GateRun> {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-gate-'));
  const listFile = join(dir, 'gate.yaml');
  writeFileSync(listFile, list);
  const out = join(dir, 'reports');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(repoRoot, 'scripts/gate.ts'), listFile, '--out', out],
      { cwd: dir, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (error && typeof code !== 'number') return reject(error);
        resolve({ exitCode: typeof code === 'number' ? code : 0, stdout, stderr, out });
      },
    );
  });
}

const passing = drillFixture('kill-restart.yaml');
const tight = drillFixture('kill-restart-tight.yaml');

// The four cases are independent gate runs in their own directories, and what they assert (exit
// codes, the expected failure of a 500ms objective against a 2s restart, the reports) does not
// depend on timing: they run side by side.
describe.concurrent('drill gate runner', () => {
  it('passes when every drill ends as expected, an expected failure included', async () => {
    const run = await runGate(`drills:\n  - ${passing}\n  - path: ${tight}\n    expect: failed\n`);
    expect(run.stdout).toContain('drill gate passed: all 2 drills ended as expected');
    expect(run.exitCode).toBe(0);

    const gate = JSON.parse(readFileSync(join(run.out, 'gate/gate.json'), 'utf8'));
    expect(gate.ok).toBe(true);
    expect(gate.drills.map((d: { exitCode: number; verdict: string }) => [d.exitCode, d.verdict])).toEqual([
      [0, 'passed'],
      [1, 'failed'],
    ]);
    // Measured, not configured: the supervisor restarts after 2s.
    expect(gate.drills[0].ttr).toMatch(/^\d+ ms ± \d+ ms$/);
    expect(Number.parseInt(gate.drills[0].ttr, 10)).toBeGreaterThanOrEqual(2000);

    const junit = readFileSync(join(run.out, 'gate/junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="firedrill-gate" tests="2" failures="0"/);
    expect(junit).toContain('<testsuite name="process-kill-restart"');
    // The expected failure's own failing objective stays out of the CI test view.
    expect(junit).not.toContain('<testsuite name="process-kill-restart-tight"');
    expect(junit).not.toContain('<failure');

    const summary = readFileSync(join(run.out, 'gate/summary.md'), 'utf8');
    expect(summary).toContain('Drill gate: 2 of 2 drills ended as expected');
  });

  it('fails when a drill expected to pass fails', async () => {
    const run = await runGate(`drills:\n  - ${tight}\n`);
    expect(run.stdout).toContain('drill gate FAILED: 1 of 1 drills did not end as expected');
    expect(run.stdout).toMatch(
      /FAIL .*kill-restart-tight\.yaml: expected passed \(exit 0\), got failed \(exit 1\)/,
    );
    expect(run.exitCode).toBe(1);
    const junit = readFileSync(join(run.out, 'gate/junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="firedrill-gate" tests="1" failures="1"/);
    expect(junit).toContain('<failure message="FAIL');
  });

  it('fails when a drill expected to fail passes (the gate could not fail)', async () => {
    const run = await runGate(`drills:\n  - path: ${passing}\n    expect: failed\n`);
    expect(run.stdout).toMatch(/expected failed \(exit 1\), got passed \(exit 0\)/);
    expect(run.exitCode).toBe(1);
  });

  it('refuses a malformed list with one clear message and exit 2', async () => {
    const run = await runGate(`drills:\n  - path: ${passing}\n    expect: maybe\n`);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/gate\.yaml: not a gate list\n {2}drills\.0\.expect: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
