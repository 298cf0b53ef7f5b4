// Links on a kubernetes target run in the cluster: a Toxiproxy pod and Service in the run's
// namespace. A client pod is created with the link's in-cluster address in its environment and
// calls http-echo through it; a latency toxic on the link makes those calls (and the host's, through
// a port-forward to the same pod) fail for the fault's duration, and the run deletes everything
// it made. The namespace is the test's own, given to the drill, so nothing is swept away with it.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sample } from '../../../src/result/sample.js';
import { readResult, runDirOf, startCli } from '../engine/run-cli.js';
import { clusterLeftovers } from './kubernetes-drill-cli.js';
import { describeWithCluster, kubeconfig, kubectl } from './local-cluster.js';
import { testNamespace, testRunLabel } from './test-namespace.js';

const fixture = join(import.meta.dirname, 'fixtures', 'kubernetes-links.yaml');
const LATENCY_MS = 6000;
const CALL_LIMIT_MS = 3000;
const FAULT_MS = 10_000;

/** What the client pod was given and what the run's Toxiproxy Service is, read while the drill runs. */
async function watchLinkObjects(namespace: string, until: Promise<unknown>) {
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const upstream = await kubectl(
      ['get', 'pod', 'client', '-n', namespace, '-o', 'jsonpath={.spec.containers[0].env[0].value}'],
      20_000,
    ).catch(() => '');
    const service = await kubectl(
      ['get', 'services', '-n', namespace, '-l', 'firedrill.role=toxiproxy', '-o', 'json'],
      20_000,
    ).catch(() => '{"items":[]}');
    const [item] = (JSON.parse(service) as { items: ServiceItem[] }).items;
    if (upstream && item) return { upstream, service: item };
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return undefined;
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line.trim().length > 0);

/** What `list` finds, asked again until it finds nothing or 60 s pass. */
async function eventuallyEmpty(list: () => Promise<string[]>): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await list();
    if (found.length === 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

interface ServiceItem {
  metadata: { name: string; labels: Record<string, string> };
  spec: { clusterIP: string; ports: Array<{ port: number }> };
}

describeWithCluster('links on a kubernetes target', () => {
  const namespace = testNamespace('links');

  beforeAll(async () => {
    const labels = { 'firedrill.run': testRunLabel(namespace) };
    await kubectl(
      ['apply', '-f', '-'],
      60_000,
      JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } }),
    );
  });

  afterAll(async () => {
    await kubectl(['delete', 'namespace', namespace, '--ignore-not-found', '--wait=true'], 180_000);
  });

  it('a latency toxic on the link between two pods is measured in the cluster and from the host; nothing is left', async () => {
    process.env.KUBECONFIG = kubeconfig;
    process.env.FIREDRILL_LINKS_NAMESPACE = namespace;
    const run = startCli(['run', fixture, '--out', 'reports']);
    const seen = await watchLinkObjects(namespace, run.exited);
    const { code, stdout, stderr } = await run.exited;
    const result = readResult(runDirOf(run.outDir, 'kubernetes-links'));
    expect(result.verdict, stdout + stderr).toBe('passed');
    expect(code).toBe(0);

    // The client pod got the Service's cluster IP and the link's port: an in-cluster address.
    expect(seen, 'the client pod and the links Service were never seen').toBeDefined();
    const { upstream, service } = seen!;
    expect(service.metadata.labels['firedrill.run']).toBe(result.runId);
    expect(upstream).toBe(`${service.spec.clusterIP}:${service.spec.ports[0]!.port}`);
    expect(upstream).not.toMatch(/^127\./);

    const fault = result.timeline.faults[0]!;
    const t0 = result.timeline.t0!;
    // The toxic was confirmed in place by then; its removal began at revertStartedAt.
    const inPlace = result.timeline.t0Window!.to;
    const removed = fault.revertStartedAt!;
    const inCluster = result.samples.filter((s: Sample) => s.probe === 'in-cluster');
    // Before the toxic, the pod's calls through the link succeed...
    expect(inCluster.filter((s) => s.endedAt < t0).every((s) => s.ok)).toBe(true);
    expect(inCluster.some((s) => s.endedAt < t0)).toBe(true);
    // ...while it holds, they run into their 3 s limit (the toxic delays the answer by 6 s). A call
    // begun within 3 s of the removal may still pass: Toxiproxy hands on what it held back.
    // A sample's start is when firedrill asked for the exec: the call itself begins later in the pod,
    // by at most the exec round trip seen before the fault (the slowest of those calls).
    const execLag = Math.max(...inCluster.filter((s) => s.endedAt < t0).map((s) => s.endedAt - s.startedAt));
    const slowed = inCluster.filter(
      (s) => s.startedAt >= inPlace && s.startedAt < removed - CALL_LIMIT_MS - execLag,
    );
    expect(slowed.length).toBeGreaterThan(0);
    for (const sample of slowed) {
      expect(sample.ok).toBe(false);
      expect(sample.detail).toBe('exit 124');
      expect(sample.endedAt - sample.startedAt).toBeGreaterThanOrEqual(CALL_LIMIT_MS);
    }
    expect(LATENCY_MS).toBeGreaterThan(CALL_LIMIT_MS);
    // ...and after it is removed they succeed again.
    expect(inCluster.some((s) => s.startedAt > removed && s.ok)).toBe(true);
    // From the host too, through the port-forward to the same pod.
    const hostSide = result.samples.filter((s: Sample) => s.probe === 'host-side');
    const hostSlowed = hostSide.filter(
      (s) => s.startedAt >= inPlace && s.startedAt < removed - CALL_LIMIT_MS,
    );
    expect(hostSlowed.length).toBeGreaterThan(0);
    expect(hostSlowed.every((s) => !s.ok)).toBe(true);

    // A call that began more than 3 s before the toxic's removal cannot pass: recovery starts later.
    const recover = result.measurements!.recover;
    if (recover.status !== 'measured') throw new Error(`recover: ${JSON.stringify(recover)}`);
    expect(recover.ms).toBeGreaterThan(FAULT_MS - CALL_LIMIT_MS);

    // The links' Toxiproxy pod and Service are gone when the run ends (it waits for the pod)...
    const links = ['get', 'pods,services', '-n', namespace, '-l', 'firedrill.role=toxiproxy', '-o', 'name'];
    expect(await kubectl(links)).toBe('');
    // ...and so, once their grace periods pass, is everything else the run made: the manifests'
    // pods are deleted in the background. The namespace stays: it is the test's, nothing went with it.
    expect(await eventuallyEmpty(() => clusterLeftovers(result.runId))).toEqual([]);
    expect(
      await eventuallyEmpty(async () =>
        lines(await kubectl(['get', 'pods,services', '-n', namespace, '-o', 'name'])),
      ),
    ).toEqual([]);
  }, 420_000);
});
