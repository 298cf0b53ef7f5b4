import { describe, expect, it } from 'vitest';
import { alive, firstLine, nodePids, runClusterDrill } from './cluster-run.js';

describe('checkpoint corruption on a running follower', () => {
  it('is detected by the periodic check and restored from the leader, losing nothing', async () => {
    const { code, stdout, runDir, result, t0Wall, injectedWall } = await runClusterDrill(
      'reference-cluster/checkpoint-restore.yaml',
      'reference-cluster-checkpoint-restore',
    );
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);
    expect(result.timeline.faults[0]?.summary).toMatch(
      /^wrote garbage over 16 bytes of \S+\/checkpoint\.json in n2/,
    );

    const detect = result.measurements?.detect;
    if (detect?.status !== 'measured') throw new Error(`TTD not measured: ${JSON.stringify(detect)}`);
    const seen = firstLine(runDir, ['n2'], /^checkpoint corrupt on disk: /, injectedWall);
    expect(Math.abs(detect.ms - Math.max(0, seen.at - t0Wall))).toBeLessThanOrEqual(5);
    // Checked every 500ms (and before every rewrite).
    expect(detect.ms).toBeLessThanOrEqual(500 + 100);
    const restored = firstLine(runDir, ['n2'], /^state restored from n1 \(seq \d+, \d+ keys\)$/, seen.at);
    expect(restored.at - seen.at).toBeLessThan(1000);

    // The ledger's writes went through n3 and were read back through the restored n2.
    expect(result.measurements?.data?.lostWrites).toBe(0);
    expect(result.measurements?.data?.acknowledged).toBeGreaterThan(10);
    expect(nodePids(runDir, ['n1', 'n2', 'n3']).filter(alive)).toEqual([]);
  });
});
