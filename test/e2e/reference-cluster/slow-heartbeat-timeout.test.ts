import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alive, firstLine, nodePids, runClusterDrill } from './cluster-run.js';

describe('a heartbeat timeout longer than the detect objective', () => {
  it('fails the drill on detect (exit 1), and the report says why', async () => {
    const { code, stdout, runDir, result, t0Wall } = await runClusterDrill(
      'reference-cluster/slow-heartbeat-timeout.yaml',
      'reference-cluster-slow-heartbeat-timeout',
    );
    expect(code, stdout).toBe(1);
    expect(result.verdict).toBe('failed');
    const detect = result.objectives.find((row) => row.objective === 'detect');
    expect(detect?.status).toBe('failed');
    // The cluster noticed, after its own 5s timeout: measured, not guessed.
    const down = firstLine(runDir, ['n2', 'n3'], /^peer n1 down \(no heartbeat for \d+ms\)$/, t0Wall);
    expect(Math.abs((detect?.measured ?? 0) - (down.at - t0Wall))).toBeLessThanOrEqual(5);
    expect(detect?.measured).toBeGreaterThanOrEqual(5000 - 250);
    // It did fail over, within the recover objective: only detection is too slow.
    expect(result.objectives.find((row) => row.objective === 'recover')?.status).toBe('passed');
    expect(result.reason).toMatch(/^detect failed: measured [45]\.\d\ds is above the target 3\.00s$/);
    expect(stdout).toMatch(/detect\s+<= 3\.00s\s+[45]\.\d\ds ± \d+ms \(\S+\)\s+FAIL/);
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toContain(result.reason);
    expect(nodePids(runDir, ['n1', 'n2', 'n3']).filter(alive)).toEqual([]);
  });
});
