import { describe, expect, it } from 'vitest';
import { nodeLog, runClusterDrill } from './cluster-run.js';

const NODES = ['n1', 'n2', 'n3'];

describe('scenarios/reference-cluster/leader-kill-repeat.yaml: the leader, whoever it is, killed 5 times', () => {
  it('kills the node that leads at each injection, waits for the cluster to be whole between kills, and passes', async () => {
    const { code, stdout, runDir, result } = await runClusterDrill(
      'reference-cluster/leader-kill-repeat.yaml',
      'reference-cluster-leader-kill-repeat',
    );
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);
    const iterations = result.iterations ?? [];
    expect(iterations).toHaveLength(5);
    const origin = Date.parse(result.clockOrigin);
    const logs = Object.fromEntries(NODES.map((node) => [node, nodeLog(runDir, node)]));
    const killed: string[] = [];
    for (const iteration of iterations) {
      const fault = iteration.faults[0]!;
      const victim = /^killed (n\d) /.exec(fault.summary ?? '')?.[1];
      if (!victim) throw new Error(`no kill in iteration ${iteration.index + 1}: ${fault.summary}`);
      killed.push(victim);
      // The truth from the cluster's own logs: the last node to say "leading" before the kill.
      const injectedWall = origin + fault.startedAt!;
      const leading = NODES.flatMap((node) =>
        logs[node]!.filter((l) => l.at < injectedWall && /^leading \(term \d+/.test(l.text)).map((l) => ({
          node,
          at: l.at,
        })),
      ).sort((a, b) => a.at - b.at);
      expect(victim, `iteration ${iteration.index + 1}`).toBe(leading.at(-1)?.node);
      // Every iteration detected and recovered; all but the last settled before the next began.
      expect(iteration.measurements?.detect.status).toBe('measured');
      expect(iteration.measurements?.recover.status).toBe('measured');
      if (iteration.index < 4) expect(iteration.settle).toMatchObject({ status: 'settled' });
    }
    // Leadership moves with each kill: the same node is never the leader twice in a row.
    for (let i = 1; i < killed.length; i++) expect(killed[i]).not.toBe(killed[i - 1]);
    expect(result.timeline.t0UncertaintyMs).toBeGreaterThanOrEqual(0);
    expect(stdout).toMatch(/^t0: kill-leader's effect became true within /m);
    expect(stdout).toContain('verdict: PASSED');
  });
});
