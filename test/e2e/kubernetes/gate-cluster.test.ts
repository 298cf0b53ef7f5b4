// What the gate makes of the cluster facts (pure: no cluster needed), in the k8s project with the
// gate's other Kubernetes tests.
import { describe, expect, it } from 'vitest';
import type { KubeconfigTarget } from '../../../src/common/readiness/kubeconfig.js';
import type { KubernetesFacts } from '../../../src/common/readiness/kubernetes.js';
import { describeGateCluster, judgeCluster } from '../../../scripts/gate/gate-cluster.js';

const target: KubeconfigTarget = {
  path: '/k/config',
  context: 'ctx',
  server: 'https://10.0.0.1:6443',
  insecure: false,
};

describe('the gate and its cluster', () => {
  it('runs kubernetes drills on a cluster with a Ready node, with the kubeconfig it checked', () => {
    const facts = {
      kind: 'reachable',
      target,
      version: 'v1.34.4',
      nodes: [{ name: 'n', ready: true }],
    } satisfies KubernetesFacts;
    const cluster = judgeCluster(facts, true);
    expect(cluster).toEqual({
      kind: 'available',
      kubeconfig: '/k/config',
      summary: expect.stringContaining('v1.34.4'),
    });
    expect(describeGateCluster(cluster, 1)).toMatch(/running 1 kubernetes drill$/);
  });

  it('does not run them on a cluster without a Ready node, and says why', () => {
    const facts = {
      kind: 'reachable',
      target,
      version: 'v1.34.4',
      nodes: [{ name: 'n', ready: false }],
    } satisfies KubernetesFacts;
    const cluster = judgeCluster(facts, false);
    expect(cluster).toMatchObject({
      kind: 'unavailable',
      required: false,
      reason: expect.stringContaining('no Ready node'),
    });
    expect(describeGateCluster(cluster, 2)).toMatch(
      /^kubernetes: skipping 2 kubernetes drills \(no cluster: .*no Ready node/,
    );
  });

  it('fails them when required and the apiserver does not answer', () => {
    const cluster = judgeCluster({ kind: 'unreachable', target, error: 'ECONNREFUSED' }, true);
    expect(cluster).toMatchObject({
      kind: 'unavailable',
      required: true,
      reason: expect.stringContaining('ECONNREFUSED'),
    });
    expect(describeGateCluster(cluster, 1)).toContain('FIREDRILL_REQUIRE_KUBERNETES=1 but no cluster');
  });

  it('lets the drill try a kubeconfig whose authentication the check cannot speak', () => {
    const cluster = judgeCluster({ kind: 'unsupported-auth', target, way: 'exec' }, true);
    expect(cluster).toMatchObject({ kind: 'available', kubeconfig: '/k/config' });
  });
});
