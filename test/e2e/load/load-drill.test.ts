import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillFixture, readResult, repoRoot, runDirOf } from '../engine/run-cli.js';
import { describeWithTool } from '../support/tools.js';

/** Runs the built CLI in a fresh directory with extra environment variables. */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'firedrill-e2e-'));
  const child = spawn(process.execPath, [join(repoRoot, 'bin/firedrill.js'), ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<{ code: number | null; stdout: string }>((done) =>
    child.on('close', (code) => done({ code, stdout })),
  );
  return { outDir: join(cwd, 'reports'), exited };
}

/** One of four backends stopped behind a round-robin balancer: exactly 25% of requests fail. */
const KNOWN_AVAILABILITY = 0.75;

describeWithTool('k6', 'load drill through k6: a balancer with one of four backends stopped', () => {
  it('k6 measures availability in the fault window within 1 point of the known 75%', async () => {
    const run = runCli(['run', drillFixture('load-balancer.yaml'), '--out', 'reports']);
    const { code, stdout } = await run.exited;
    const result = readResult(runDirOf(run.outDir, 'load-balancer'));
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);
    expect(result.load).toMatchObject({ generator: 'k6', k6: { exitCode: 105, thresholdsFailed: false } });
    const fault = result.measurements?.load?.availability.fault;
    expect(fault?.total).toBeGreaterThan(400); // ~3s at 200/s
    expect(Math.abs(fault!.ratio - KNOWN_AVAILABILITY)).toBeLessThanOrEqual(0.01);
    // Outside the fault every backend answers: the whole drill is better than the fault window.
    expect(result.measurements?.load?.availability.overall?.ratio).toBeGreaterThan(fault!.ratio);
    expect(result.measurements?.load?.latency.baseline?.n).toBeGreaterThan(50);
    expect(result.objectives.find((r) => r.objective === 'availability')).toMatchObject({ status: 'passed' });
    expect(stdout).toMatch(/load: k6 2\.2\.0 at \S+, generated constant-arrival-rate test/);
    expect(stdout).toMatch(/availability\s+>= 70\.00%\s+7\d\.\d\d%\s+PASS/);
    // The `during` expectation is a row of the table too.
    expect(result.objectives.find((r) => r.objective === 'during others-serve')).toMatchObject({
      kind: 'during',
      status: 'passed',
      measured: 1,
    });
    expect(stdout).toMatch(/during others-serve\s+.*PASS/);
  });
});

describe('load drill without k6: a balancer with one of four backends stopped', () => {
  it('without k6 (FIREDRILL_K6=none) the built-in load stands in, says so, and measures the same', async () => {
    const run = runCli(['run', drillFixture('load-balancer.yaml'), '--out', 'reports'], {
      FIREDRILL_K6: 'none',
    });
    const { code, stdout } = await run.exited;
    const result = readResult(runDirOf(run.outDir, 'load-balancer'));
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);
    expect(result.load).toEqual({
      generator: 'builtin',
      reason: 'k6 is switched off (FIREDRILL_K6=none): the built-in load stood in',
      requests: expect.any(Number),
      dropped: 0,
    });
    const fault = result.measurements?.load?.availability.fault;
    expect(fault?.total).toBeGreaterThan(400);
    expect(Math.abs(fault!.ratio - KNOWN_AVAILABILITY)).toBeLessThanOrEqual(0.01);
    expect(stdout).toContain('load: k6 is switched off (FIREDRILL_K6=none): the built-in load stood in');
  });
});
