import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillFixture, readResult, runDirOf, startCli } from '../engine/run-cli.js';

/** What the KV fixture says it dropped when the fault stopped it: ids and their ack wall times. */
function droppedOnPurpose(runDir: string, faultWallMs: number): Array<{ id: string; ackedWall: number }> {
  return readFileSync(join(runDir, 'nodes/kv.log'), 'utf8')
    .split('\n')
    .filter((line) => line.includes('lost on purpose:'))
    .filter((line) => Date.parse(line.split(' ')[0]!) <= faultWallMs + 50) // not the teardown's stop
    .map((line) => {
      const [, id, wall] = /lost on purpose: (\S+) acked wall=(\d+)/.exec(line)!;
      return { id: id!, ackedWall: Number(wall) };
    });
}

describe('integrity ledger drill (process target, KV fixture)', () => {
  it('reports exactly the acknowledged writes the fixture dropped, and the RPO window back to the oldest', async () => {
    const run = startCli(['run', drillFixture('ledger-lossy.yaml'), '--out', 'reports']);
    const { code, stdout } = await run.exited;
    const runDir = runDirOf(run.outDir, 'ledger-lossy');
    const result = readResult(runDir);
    // lost_writes: 0 is the objective; 3 lost on purpose fail it.
    expect(result.verdict, stdout).toBe('failed');
    expect(code).toBe(1);
    const t0 = result.timeline.t0!;
    const dropped = droppedOnPurpose(runDir, Date.parse(result.clockOrigin) + t0);
    expect(dropped).toHaveLength(3);

    const data = result.measurements?.data;
    expect(data?.lostWrites).toBe(3);
    expect(data?.lostIds).toEqual(dropped.map((d) => d.id));
    expect(data?.acknowledged).toBeGreaterThan(10);
    expect(data?.recovered).toBe(0);
    // RPO = t0 − ack of the oldest lost write. The fixture stamped its ack just before firedrill got
    // it, so firedrill's window is at most a few ms shorter than the fixture's own figure.
    const truth = Date.parse(result.clockOrigin) + t0 - dropped[0]!.ackedWall;
    if (data?.rpo.status !== 'measured') throw new Error(`RPO not measured: ${JSON.stringify(data?.rpo)}`);
    expect(data.rpo.ms).toBeGreaterThan(truth - 15);
    expect(data.rpo.ms).toBeLessThanOrEqual(truth + 2);
    // Three writes 50 ms apart: the window reaches back over at least two gaps.
    expect(data.rpo.ms).toBeGreaterThanOrEqual(100);

    expect(result.integrity).toMatchObject({
      driver: 'http',
      lost: 3,
      lostIds: data.lostIds,
      readBack: { ok: true },
    });
    const row = result.objectives.find((r) => r.objective === 'lost_writes');
    expect(row).toMatchObject({ status: 'failed', measured: 3 });
    expect(stdout).toMatch(/lost_writes\s+<= 0\s+3\s+FAIL/);
    expect(stdout).toMatch(/ledger read back: \d+ of \d+ writes acknowledged, 3 lost, 0 recovered/);
  });

  it('reports 0 lost writes for the durable fixture, read back write by write, and passes', async () => {
    const run = startCli(['run', drillFixture('ledger-durable.yaml'), '--out', 'reports']);
    const { code, stdout } = await run.exited;
    const result = readResult(runDirOf(run.outDir, 'ledger-durable'));
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);
    expect(result.measurements?.data).toMatchObject({ lostWrites: 0, rpo: { status: 'measured', ms: 0 } });
    expect(result.integrity?.acknowledged).toBeGreaterThan(10);
    // Writes refused while the node was down were never acknowledged: not lost, not present.
    expect(result.integrity?.unacknowledged).toBeGreaterThan(5);
    expect(result.integrity?.recovered).toBe(0);
    expect(stdout).toMatch(/lost_writes\s+<= 0\s+0\s+PASS/);
    // The steady module probe (TypeScript, loaded through tsx) failed while the node was stopped.
    const moduleSamples = result.samples.filter((s) => s.probe === 'kv-write-read');
    expect(moduleSamples.filter((s) => s.ok).length).toBeGreaterThan(5);
    expect(moduleSamples.some((s) => !s.ok && /fetch failed|ECONNREFUSED/.test(s.detail ?? ''))).toBe(true);
  });
});
