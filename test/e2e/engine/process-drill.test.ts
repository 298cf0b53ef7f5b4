import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillFixture, readResult, runDirOf, startCli } from './run-cli.js';

/** When the restarted server said it listened, in ms after t0: the truth TTR is measured against. */
function trueRecoveryMs(runDir: string, clockOrigin: string, t0: number): number {
  const faultAt = Date.parse(clockOrigin) + t0;
  const log = readFileSync(join(runDir, 'nodes/web.log'), 'utf8').split('\n');
  const listening = log
    .filter((line) => line.includes('listening on'))
    .map((line) => Date.parse(line.split(' ')[0] as string))
    .find((time) => time > faultAt);
  if (listening === undefined) throw new Error('the restarted server never logged that it listens');
  return listening - faultAt;
}

describe('process-mode drill: kill, supervisor restart after a known delay', () => {
  it('measures TTR within one probe interval of the truth and passes its objectives (exit 0)', async () => {
    const run = startCli(['run', drillFixture('kill-restart.yaml'), '--out', 'reports']);
    const { code, stdout } = await run.exited;
    const runDir = runDirOf(run.outDir, 'process-kill-restart');
    const result = readResult(runDir);
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);

    const t0 = result.timeline.t0 as number;
    const ttr = result.measurements?.recover;
    if (ttr?.status !== 'measured') throw new Error(`TTR not measured: ${JSON.stringify(ttr)}`);
    const truth = trueRecoveryMs(runDir, result.clockOrigin, t0);
    expect(truth).toBeGreaterThanOrEqual(2000); // the restart delay
    // t_r is the first passing sample after the server listened: at most one interval (100ms) later.
    expect(ttr.ms).toBeGreaterThanOrEqual(truth - 20);
    expect(ttr.ms).toBeLessThanOrEqual(truth + 100 + 150);
    // The bracket: the last failing sample before t_r and t_r itself, about one interval apart
    // (their real start times, late ticks included), and the truth lies within it.
    expect(ttr.resolution.basis).toBe('bracketing samples');
    expect(ttr.resolution.ms).toBeGreaterThan(0);
    expect(ttr.resolution.ms).toBeLessThanOrEqual(100 + 150);
    expect(ttr.ms - ttr.resolution.ms).toBeLessThanOrEqual(truth + 20);
    expect(ttr.signal).toBe('web-health');
    expect(stdout).toMatch(/recover\s+<= 5\.00s\s+\S+ ± \d+ms \(web-health\)\s+PASS/);
  });

  it('fails a recover objective the restart delay cannot meet (exit 1, failed row in the table)', async () => {
    const run = startCli(['run', drillFixture('kill-restart-tight.yaml'), '--out', 'reports']);
    const { code, stdout } = await run.exited;
    const result = readResult(runDirOf(run.outDir, 'process-kill-restart-tight'));
    expect(code).toBe(1);
    expect(result.verdict).toBe('failed');
    const row = result.objectives.find((r) => r.objective === 'recover');
    expect(row?.status).toBe('failed');
    expect(row?.measured).toBeGreaterThan(2000);
    expect(stdout).toMatch(/recover\s+<= 500ms\s+\S+ ± \d+ms \(web-health\)\s+FAIL/);
    expect(stdout).toContain('verdict: FAILED');
  });
});

describe('process-mode drill with repeat: 3', () => {
  it('runs three iterations and reports TTR as a distribution over them', async () => {
    const run = startCli(['run', drillFixture('kill-repeat.yaml'), '--out', 'reports']);
    const { code, stdout } = await run.exited;
    const result = readResult(runDirOf(run.outDir, 'process-kill-repeat'));
    expect(code, stdout).toBe(0);
    expect(result.iterations).toHaveLength(3);
    const ttrs = (result.iterations ?? []).map((it) => it.measurements?.recover);
    for (const ttr of ttrs) expect(ttr?.status).toBe('measured');
    const distribution = result.repeat?.recover.measured;
    expect(distribution?.n).toBe(3);
    expect(distribution?.min).toBeGreaterThanOrEqual(500); // the restart delay
    expect(distribution?.max).toBeGreaterThanOrEqual(distribution?.p50 ?? Infinity);
    expect(stdout).toMatch(/over 3 iterations\s+min\s+p50\s+p95\s+max/);
  });
});
