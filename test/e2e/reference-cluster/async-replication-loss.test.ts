import { describe, expect, it } from 'vitest';
import { alive, nodePids, runClusterDrill } from './cluster-run.js';

describe('leader kill with asynchronous replication', () => {
  it('loses the writes acknowledged since the last shipment: lost_writes fails (exit 1), the RPO window stays within ASYNC_LAG', async () => {
    const { code, stdout, runDir, result } = await runClusterDrill(
      'reference-cluster/async-replication-loss.yaml',
      'reference-cluster-async-replication-loss',
    );
    const data = result.measurements?.data;
    expect(data?.lostWrites, stdout).toBeGreaterThan(0);
    expect(code).toBe(1);
    expect(result.verdict).toBe('failed');
    const rows = Object.fromEntries(result.objectives.map((row) => [row.objective, row.status]));
    expect(rows).toEqual({ detect: 'passed', recover: 'passed', lost_writes: 'failed' });
    expect(result.reason).toBe(`lost_writes failed: measured ${data?.lostWrites} is above the target 0`);

    // Lost writes were acknowledged before the kill, within one shipment interval (2s) of it; none
    // acknowledged after it (the read-back went to the new leader: no replication lag counted).
    const rpo = data?.rpo;
    if (rpo?.status !== 'measured') throw new Error(`RPO not measured: ${JSON.stringify(rpo)}`);
    expect(rpo.ms).toBeGreaterThan(0);
    expect(rpo.ms).toBeLessThanOrEqual(2000 + 300);
    expect(rpo).not.toHaveProperty('note');
    // At 20 writes/s, one interval holds at most about 40 ledger writes.
    expect(data?.lostWrites).toBeLessThanOrEqual(45);
    expect(stdout).toMatch(/lost_writes\s+<= 0\s+\d+\s+FAIL/);
    expect(nodePids(runDir, ['n1', 'n2', 'n3']).filter(alive)).toEqual([]);
  });
});
