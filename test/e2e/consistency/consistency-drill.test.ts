import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillFixture, readResult, runDirOf, startCli } from '../engine/run-cli.js';
import { alive, nodePids } from '../reference-cluster/cluster-run.js';

describe('state that must converge (consistency:), on the reference cluster', () => {
  it('fails the consistent objective when a replica is left diverged, naming it in every report', async () => {
    const run = startCli(['run', drillFixture('unhealed-drift.yaml'), '--out', 'reports']);
    const { code, stdout } = await run.exited;
    const runDir = runDirOf(run.outDir, 'unhealed-drift');
    const result = readResult(runDir);
    expect(result.verdict, stdout).toBe('failed');
    expect(code).toBe(1);

    // The service never noticed: only the state check fails, and it names n3 with what it held.
    const rows = Object.fromEntries(result.objectives.map((row) => [row.objective, row]));
    expect(rows.recover?.status).toBe('passed');
    const row = rows.consistent!;
    expect(row).toMatchObject({ status: 'failed', exceeded: true, measured: 2000 });
    expect(Object.keys(row.divergent ?? {})).toEqual(['n3']);
    expect(row.divergent?.n3).toMatch(/^….*"max_value_bytes":1} \(sha256 [0-9a-f]{12}\)$/);
    expect(row.reason).toMatch(
      /n3 differs: n1, n2 → .*"max_value_bytes":4096} .*; n3 → .*"max_value_bytes":1} /,
    );
    expect(row.display.measured).toBe('> 2.00s (n3 differs)');

    // Read before the fault (all three alike) and after (n3 apart), in result.json.
    const state = result.measurements?.consistency;
    if (state?.status !== 'inconsistent')
      throw new Error(`expected inconsistent, got ${JSON.stringify(state)}`);
    const digests = (nodes: Record<string, unknown>) =>
      Object.values(nodes).map((n) => (n as { digest: string }).digest);
    expect(new Set(digests(state.before)).size).toBe(1);
    expect(new Set(digests(state.after)).size).toBe(2);
    expect(state.rounds).toBeGreaterThanOrEqual(2);

    // Every report names the node: console, summary.md, junit.xml, report.html.
    expect(stdout).toContain('> 2.00s (n3 differs)');
    expect(readFileSync(join(runDir, 'summary.md'), 'utf8')).toContain('n3 differs');
    const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="consistent"[\s\S]*n3 differs/);
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toMatch(
      /data-objective="consistent"[\s\S]*n3 differs/,
    );
    expect(nodePids(runDir, ['n1', 'n2', 'n3']).filter(alive)).toEqual([]);
  });
});
