import { expect, it } from 'vitest';
import type { DrillResult } from '../../../src/engine/result.js';
import { describeWithDocker } from '../support/docker.js';
import { leftoversOf, runDrillFixture } from '../docker/drill-cli.js';

const row = (result: DrillResult, objective: string) =>
  result.objectives.find((r) => r.objective === objective);

describeWithDocker('4-node partition drills through the CLI', () => {
  it('split: halves via network: inside a half stays up, across it fails, heals after the duration', async () => {
    const run = await runDrillFixture('network-partition-halves.yaml', 'network-partition-halves');
    expect(run.result.verdict, run.stdout + run.stderr).toBe('passed');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/fault halves: partitioned a, b \| c, d \(iptables chain FD-[0-9a-f]{6}\)/);
    expect(row(run.result, 'during a-reaches-b')).toMatchObject({ status: 'passed', measured: 1 });
    expect(row(run.result, 'during d-reaches-a')).toMatchObject({ status: 'passed', measured: 1 });
    const ttr = run.result.measurements?.recover;
    if (ttr?.status !== 'measured') throw new Error(`TTR not measured: ${JSON.stringify(ttr)}`);
    // The steady probe (a to c) fails for the 3 s the partition lasts, then passes again: at the
    // latest one interval (500 ms) after the revert was done, dated within its timeout (2 s). The
    // revert itself (a one-shot sidecar per node) took 2-3 s under a load of 30 on 2 cores, so a
    // fixed 6 s bound failed there (6.2 s) though the figure was right.
    expect(ttr.ms).toBeGreaterThan(2500);
    const { t0, faults } = run.result.timeline;
    expect(ttr.ms).toBeLessThan(faults[0]!.revertedAt! - t0! + 500 + 2000);
    expect(await leftoversOf(run.result.runId)).toEqual({ containers: 0, networks: 0 });
  });

  it('split: halves via toxiproxy: the crossing link goes down, the link inside a half stays up', async () => {
    const run = await runDrillFixture('network-partition-toxiproxy.yaml', 'network-partition-toxiproxy');
    expect(run.result.verdict, run.stdout + run.stderr).toBe('passed');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('fault halves: partitioned a, b | c, d: links a_to_c down');
    expect(row(run.result, 'during a-reaches-b')).toMatchObject({ status: 'passed', measured: 1 });
    expect(row(run.result, 'during host-reaches-c')).toMatchObject({ status: 'passed', measured: 1 });
    const ttr = run.result.measurements?.recover;
    if (ttr?.status !== 'measured') throw new Error(`TTR not measured: ${JSON.stringify(ttr)}`);
    expect(ttr.ms).toBeGreaterThan(2500);
    expect(ttr.ms).toBeLessThan(6000);
    // The Toxiproxy container went with the run, as did the nodes and the network.
    expect(await leftoversOf(run.result.runId)).toEqual({ containers: 0, networks: 0 });
  });
});
