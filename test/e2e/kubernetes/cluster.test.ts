// The local cluster `npm run k8s:up` makes (scripts/setup-k8s.sh): a Ready node at the pinned
// version, a pod of a project image loaded from Docker (no registry), reached the three ways the
// kubernetes target will reach pods: a Service through kube-proxy, port-forward and exec through
// the apiserver and the kubelet.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { httpGet } from '../support/http.js';
import { clusterFacts, describeWithCluster, kubectl, portForward } from './local-cluster.js';

const PINNED_VERSION = 'v1.34.4';
const namespace = `firedrill-e2e-${randomBytes(4).toString('hex')}`;
const pod = 'echo';

function manifests(): string {
  const labels = { app: 'echo', 'firedrill.run': namespace };
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: pod, namespace, labels },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'http-echo',
            image: 'firedrill/http-echo:1',
            // Loaded from Docker by setup-k8s.sh: there is no registry to pull from.
            imagePullPolicy: 'Never',
            ports: [{ containerPort: 8080 }],
            readinessProbe: { httpGet: { path: '/health', port: 8080 }, periodSeconds: 1 },
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'echo', namespace, labels },
      spec: { selector: { app: 'echo' }, ports: [{ port: 80, targetPort: 8080 }] },
    },
  ];
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects });
}

/** Polls until the Service's ClusterIP answers: kube-proxy programs its rules a moment after. */
async function getThroughService(url: string, deadlineMs: number): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await httpGet(url, 5_000);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

describeWithCluster('the local Kubernetes cluster', () => {
  beforeAll(async () => {
    await kubectl(['apply', '-f', '-'], 60_000, manifests());
    await kubectl(
      ['-n', namespace, 'wait', `pod/${pod}`, '--for=condition=Ready', '--timeout=150s'],
      160_000,
    );
  });

  afterAll(async () => {
    await kubectl(['delete', 'namespace', namespace, '--wait=true', '--timeout=120s'], 130_000);
  });

  it(`has a Ready node at ${PINNED_VERSION}`, async () => {
    expect(clusterFacts).toMatchObject({ kind: 'reachable', version: PINNED_VERSION });
    const kubelet = await kubectl([
      'get',
      'nodes',
      '-o',
      'jsonpath={.items[*].status.nodeInfo.kubeletVersion}',
    ]);
    expect(kubelet.split(' ')).toEqual([PINNED_VERSION]);
  });

  it('runs the project image and answers through its Service (kube-proxy)', async () => {
    const clusterIp = (
      await kubectl(['-n', namespace, 'get', 'service', 'echo', '-o', 'jsonpath={.spec.clusterIP}'])
    ).trim();
    expect(clusterIp).toMatch(/^10\.96\./);
    const answer = await getThroughService(`http://${clusterIp}/cgi-bin/echo`, 60_000);
    expect(answer.status).toBe(200);
    // The CGI answers with the container's hostname: the pod's name, so the pod itself answered.
    expect(answer.body).toContain(`"${pod}"`);
  });

  it('answers through port-forward (apiserver to kubelet streaming)', async () => {
    const { port, child } = await portForward(namespace, `pod/${pod}`, 8080);
    try {
      const answer = await httpGet(`http://127.0.0.1:${port}/`, 10_000);
      expect(answer).toMatchObject({ status: 200, body: expect.stringContaining('firedrill http-echo') });
    } finally {
      child.kill();
    }
  });

  it('runs a command in the container through exec', async () => {
    expect((await kubectl(['-n', namespace, 'exec', pod, '--', 'busybox', 'hostname'])).trim()).toBe(pod);
  });
});
