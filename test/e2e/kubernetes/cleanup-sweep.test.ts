// `firedrill cleanup`'s Kubernetes sweep against the local cluster: namespaces and objects
// labelled firedrill.run whose owner process is gone are deleted; those of a live owner are left.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweepKubernetes } from '../../../src/engine/cleanup-kubernetes.js';
import { describeWithCluster, kubeconfig, kubectl } from './local-cluster.js';
import { testNamespace, testRunLabel } from './test-namespace.js';

const dead = testNamespace('sweep-dead');
const live = testNamespace('sweep-live');
/** An unlabelled namespace, as a user's `target.namespace`: only the labelled object in it goes. */
const given = testNamespace('sweep-given');
const deadOwner = `${hostname()}:${spawnSync(process.execPath, ['-e', '0']).pid}`;
// The test's parent (vitest's main process) is alive for as long as the test runs.
const liveOwner = `${hostname()}:${process.ppid}`;
/** The cluster is shared (other tests, other people): the sweep is narrowed to this file's runs. */
const ours = `firedrill.run in (${[dead, live, given].map(testRunLabel).join(',')})`;

function objects(): string {
  const meta = (name: string, owner: string, namespace?: string) => ({
    name,
    ...(namespace && { namespace }),
    labels: { 'firedrill.run': testRunLabel(namespace ?? name) },
    annotations: { 'firedrill.owner': owner },
  });
  const service = (namespace: string, owner: string) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('leftover', owner, namespace),
    spec: { ports: [{ port: 80 }] },
  });
  const items = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: meta(dead, deadOwner) },
    { apiVersion: 'v1', kind: 'Namespace', metadata: meta(live, liveOwner) },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: given } },
    service(dead, deadOwner),
    service(live, liveOwner),
    service(given, deadOwner),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'users-own', namespace: given },
      spec: { ports: [{ port: 80 }] },
    },
  ];
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

describeWithCluster('firedrill cleanup on a cluster', () => {
  beforeAll(async () => {
    await kubectl(['apply', '-f', '-'], 60_000, objects());
  });

  afterAll(async () => {
    await kubectl(
      ['delete', 'namespace', dead, live, given, '--ignore-not-found', '--wait=true', '--timeout=120s'],
      130_000,
    );
  }, 140_000);

  it('deletes what a dead run left (its namespace, a labelled object elsewhere) and nothing else', async () => {
    const lines = await sweepKubernetes([{ kubeconfig }], new Set(), false, ours);
    expect(lines).toEqual(
      expect.arrayContaining([
        { runId: testRunLabel(dead), ok: true, text: `deleted leftover namespace ${dead}` },
        { runId: testRunLabel(given), ok: true, text: `deleted leftover service ${given}/leftover` },
        {
          runId: testRunLabel(live),
          ok: true,
          text: `created by pid ${process.ppid}, still running: left alone`,
        },
      ]),
    );
    // The dead run's service went with its namespace: no separate line for it.
    expect(lines).toHaveLength(3);
    const phase = await kubectl([
      'get',
      'namespace',
      dead,
      '-o',
      'jsonpath={.status.phase}',
      '--ignore-not-found',
    ]);
    expect(['', 'Terminating']).toContain(phase);
    expect(await kubectl(['-n', live, 'get', 'service', '-o', 'name'])).toBe('service/leftover\n');
    expect(await kubectl(['-n', given, 'get', 'service', '-o', 'name'])).toBe('service/users-own\n');
  });

  it('with force, deletes a live owner’s objects too', async () => {
    const lines = await sweepKubernetes([{ kubeconfig }], new Set(), true, ours);
    expect(lines).toContainEqual({
      runId: testRunLabel(live),
      ok: true,
      text: `deleted leftover namespace ${live}`,
    });
  });
});
