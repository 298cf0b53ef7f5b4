// Drills against the local cluster through the CLI, as a user runs them: a kill (the kubelet
// restarts the container), a delete-pod (the Deployment recreates the pod under a new name), and an
// impossible objective that must fail. TTR comes from an http probe through a port-forward, TTD from
// the kubernetes probe; each run must leave no namespace or object labelled with its run id.
import { expect, it } from 'vitest';
import { describeWithCluster } from './local-cluster.js';
import { clusterLeftovers, runKubernetesDrill, type KubernetesDrillRun } from './kubernetes-drill-cli.js';

function measured(run: KubernetesDrillRun, key: 'detect' | 'recover'): number {
  const figure = run.result.measurements?.[key];
  if (figure?.status !== 'measured') throw new Error(`${key} not measured: ${JSON.stringify(figure)}`);
  return figure.ms;
}

describeWithCluster('kubernetes drills through the CLI', () => {
  it('kills the container of echo-0: the kubelet restarts it, TTD and TTR are measured, nothing is left', async () => {
    const run = await runKubernetesDrill('kubernetes-kill.yaml', 'kubernetes-kill');
    const output = run.stdout + run.stderr;
    expect(run.result.verdict, output).toBe('passed');
    expect(run.exitCode).toBe(0);
    expect(output).toMatch(/fault kill-web: killed web \(pod firedrill-[0-9a-f]+\/echo-0\)/);
    // The probe through the port-forward failed and came back: a real outage, a real recovery.
    expect(output).toMatch(/impact: .* on web-health/);
    const ttr = measured(run, 'recover');
    expect(ttr).toBeGreaterThan(0);
    expect(ttr).toBeLessThan(30_000);
    expect(measured(run, 'detect')).toBeLessThan(10_000);
    expect(await clusterLeftovers(run.result.runId)).toEqual([]);
  });

  it('deletes the pod of a Deployment: the replacement is found by selector and reached through the port-forward', async () => {
    const run = await runKubernetesDrill('kubernetes-delete-pod.yaml', 'kubernetes-delete-pod');
    const output = run.stdout + run.stderr;
    expect(run.result.verdict, output).toBe('passed');
    expect(output).toMatch(
      /fault delete-web: deleted pod firedrill-[0-9a-f]+\/echo-[a-z0-9]+-[a-z0-9]+ \(uid [0-9a-f-]{36}\)/,
    );
    expect(output).toMatch(/impact: .* on web-health/);
    expect(measured(run, 'recover')).toBeGreaterThan(0);
    expect(measured(run, 'detect')).toBeLessThan(10_000);
    expect(await clusterLeftovers(run.result.runId)).toEqual([]);
  });

  it('fails a drill whose objective no restart can meet', async () => {
    const run = await runKubernetesDrill('kubernetes-impossible.yaml', 'kubernetes-impossible');
    const output = run.stdout + run.stderr;
    expect(run.result.verdict, output).toBe('failed');
    expect(run.exitCode).toBe(1);
    expect(output).toMatch(/recover\s+<= 1ms\s+\S+.*FAIL/);
    expect(await clusterLeftovers(run.result.runId)).toEqual([]);
  });
});
