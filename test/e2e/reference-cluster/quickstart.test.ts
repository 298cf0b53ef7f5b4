import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alive, firstLine, nodePids, runClusterDrill } from './cluster-run.js';

describe('the demo drill (scenarios/quickstart.yaml): leader kill on the reference cluster', () => {
  it('passes, with TTD and TTR measured from what the cluster did, no acknowledged write lost', async () => {
    const { code, stdout, runDir, result, t0Wall } = await runClusterDrill('quickstart.yaml', 'quickstart');
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);

    // Detection: the first survivor's "peer n1 down" line, a heartbeat timeout (1.5s) after n1's
    // last heartbeat (sent at most one interval, 250ms, before the kill).
    const detect = result.measurements?.detect;
    if (detect?.status !== 'measured') throw new Error(`TTD not measured: ${JSON.stringify(detect)}`);
    const down = firstLine(runDir, ['n2', 'n3'], /^peer n1 down \(no heartbeat for \d+ms\)$/, t0Wall);
    expect(Math.abs(detect.ms - (down.at - t0Wall))).toBeLessThanOrEqual(5);
    expect(detect.ms).toBeGreaterThanOrEqual(1500 - 250);
    expect(detect.ms).toBeLessThanOrEqual(1500 + 250 + 250);

    // Recovery: writes through n3 succeed once n2 leads and n3 follows it; the first passing
    // sample of the steady probe (every 200ms) comes within one interval of that.
    const recover = result.measurements?.recover;
    if (recover?.status !== 'measured') throw new Error(`TTR not measured: ${JSON.stringify(recover)}`);
    const leading = firstLine(runDir, ['n2'], /^accepting writes \(term 2,/, t0Wall);
    const following = firstLine(runDir, ['n3'], /^following n2 \(term 2\)$/, t0Wall);
    const truth = Math.max(leading.at, following.at) - t0Wall;
    expect(recover.ms).toBeGreaterThanOrEqual(truth - 5);
    expect(recover.ms).toBeLessThanOrEqual(truth + 200 + 150);

    // Synchronous replication: nothing acknowledged is lost; writes during the failover were refused.
    const data = result.measurements?.data;
    expect(data?.lostWrites).toBe(0);
    expect(data?.acknowledged).toBeGreaterThan(20);
    expect(data?.attempted).toBeGreaterThan(data?.acknowledged ?? Infinity);

    expect(stdout).toMatch(/detect\s+<= 3\.00s\s+\S+ ± \d+ms \(\S+\)\s+PASS/);
    expect(stdout).toMatch(/recover\s+<= 10\.0s\s+\S+ ± \d+ms \(\S+\)\s+PASS/);
    expect(stdout).toMatch(/lost_writes\s+<= 0\s+0\s+PASS/);
    expect(stdout).toContain('verdict: PASSED');
    expect(existsSync(join(runDir, 'report.html'))).toBe(true);
    // The supervisor restarted n1 after the kill; teardown stopped every node.
    const pids = nodePids(runDir, ['n1', 'n2', 'n3']);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    expect(pids.filter(alive)).toEqual([]);
  });
});
