import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillResult } from '../../../src/result/index.js';
import { drillFixture, readResult, runDirOf, startCli } from './run-cli.js';

/** How long the fault was in place: from t0 to the start of its revert. */
function faultSpan(result: DrillResult): number {
  const fault = result.timeline.faults[0]!;
  return (fault.revertStartedAt as number) - (result.timeline.t0 as number);
}

async function runFixture(file: string, scenario: string) {
  const run = startCli(['run', drillFixture(file), '--out', 'reports']);
  const { code, stdout, stderr } = await run.exited;
  const runDir = runDirOf(run.outDir, scenario);
  return { code, stdout: stdout + stderr, runDir, result: readResult(runDir) };
}

// Issue 10: failures that no steady probe saw used to be ignored (TTR 0, "no steady probe failed").
describe('failures only the load or the ledger saw', () => {
  it('a slow backend behind a balancer: impact and recovery come from `load`', async () => {
    const { code, stdout, runDir, result } = await runFixture(
      'balancer-slow-backend.yaml',
      'balancer-slow-backend',
    );
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);
    // The steady probe asks the healthy backend: it never failed.
    expect(result.samples.filter((s) => s.probe === 'b1-health').every((s) => s.ok)).toBe(true);
    const m = result.measurements!;
    expect(m.signals).toEqual(['b1-health', 'load']);
    expect(m.impact).toMatchObject({ status: 'impact', signal: 'load' });
    if (m.recover.status !== 'measured') throw new Error(`TTR not measured: ${JSON.stringify(m.recover)}`);
    expect(m.recover.signal).toBe('load');
    expect(m.recover.resolution.basis).toBe('bracketing samples');
    // The slow path heals when the toxic is removed: TTR is the fault's span, not 0.
    expect(m.recover.ms).toBeGreaterThanOrEqual(faultSpan(result) - 50);
    expect(m.recover.ms).toBeLessThanOrEqual(faultSpan(result) + 1000);
    expect(stdout).toMatch(/recover\s+<= 10\.0s\s+\d\.\d\ds ± \d+ms \(load\)\s+PASS/);
    expect(stdout).toMatch(/impact: \+\d+ms on load \(request failed after \d+ms\)/);
    expect(readFileSync(join(runDir, 'summary.md'), 'utf8')).toMatch(/on load/);
  });

  it('a ledger whose writes fail while the probe passes: impact and recovery come from `ledger`', async () => {
    const { code, stdout, runDir, result } = await runFixture('ledger-path-down.yaml', 'ledger-path-down');
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);
    expect(result.samples.filter((s) => s.probe === 'kv-health').every((s) => s.ok)).toBe(true);
    const m = result.measurements!;
    expect(m.impact).toMatchObject({ status: 'impact', signal: 'ledger' });
    if (m.recover.status !== 'measured') throw new Error(`TTR not measured: ${JSON.stringify(m.recover)}`);
    expect(m.recover.signal).toBe('ledger');
    expect(m.recover.ms).toBeGreaterThanOrEqual(faultSpan(result) - 50);
    expect(m.recover.ms).toBeLessThanOrEqual(faultSpan(result) + 1000);
    expect(result.integrity?.unacknowledged).toBeGreaterThan(10);
    const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<property name="firedrill.recoveredBy" value="ledger"/>');
    expect(stdout).toMatch(/recovered on ledger at \+\d\.\d\ds/);
  });
});
