import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeconfigTarget } from './kubeconfig.js';
import { assessKubernetes, gatherKubernetesFacts, summarizeNodes } from './kubernetes.js';
import { readinessChecks } from './readiness.js';

const target: KubeconfigTarget = {
  path: '/var/lib/firedrill-k8s/kubeconfig',
  context: 'firedrill',
  server: 'https://192.0.2.2:6443',
  insecure: false,
};

describe('assessKubernetes', () => {
  it('is ok with a Ready node, naming nodes, version, server, context and file', () => {
    const nodes = [{ name: 'firedrill-node', ready: true }];
    expect(assessKubernetes({ kind: 'reachable', target, version: 'v1.34.4', nodes })).toEqual({
      status: 'ok',
      detail:
        '1/1 node Ready (firedrill-node), v1.34.4 at https://192.0.2.2:6443 ' +
        '(context firedrill, /var/lib/firedrill-k8s/kubeconfig)',
    });
  });

  it('warns when the cluster answers but no node is Ready', () => {
    const nodes = [
      { name: 'a', ready: false },
      { name: 'b', ready: false },
    ];
    const result = assessKubernetes({ kind: 'reachable', target, version: 'v1.34.4', nodes });
    expect(result).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/^0\/2 nodes Ready, v1\.34\.4/),
    });
    expect(result.fix).toContain('kubectl describe nodes');
  });

  it('is missing, with the way to start the local cluster, without a kubeconfig or an answer', () => {
    const none = assessKubernetes({ kind: 'no-kubeconfig', candidates: ['/root/.kube/config', '/x'] });
    expect(none).toMatchObject({
      status: 'missing',
      detail: 'no kubeconfig (looked at /root/.kube/config, /x)',
    });
    expect(none.fix).toContain('npm run k8s:up');
    const down = assessKubernetes({ kind: 'unreachable', target, error: 'ECONNREFUSED' });
    expect(down).toMatchObject({
      status: 'missing',
      detail: 'https://192.0.2.2:6443 (context firedrill) does not answer: ECONNREFUSED',
    });
    expect(down.fix).toContain('npm run k8s:up');
  });

  it('does not pretend to check credentials it cannot use', () => {
    expect(assessKubernetes({ kind: 'unsupported-auth', target, way: 'exec' })).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('authenticates by exec'),
    });
  });
});

describe('summarizeNodes', () => {
  it('reads the Ready condition of each node', () => {
    const condition = (status: string) => ({
      status: {
        conditions: [
          { type: 'MemoryPressure', status: 'False' },
          { type: 'Ready', status },
        ],
      },
    });
    expect(
      summarizeNodes({
        items: [
          { metadata: { name: 'up' }, ...condition('True') },
          { metadata: { name: 'down' }, ...condition('Unknown') },
          {},
        ],
      }),
    ).toEqual([
      { name: 'up', ready: true },
      { name: 'down', ready: false },
      { name: '?', ready: false },
    ]);
  });
});

describe('gatherKubernetesFacts', () => {
  let dir: string | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports a server that refuses the connection as unreachable', async () => {
    // A port that was just free and is closed again: nothing listens there.
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    dir = await mkdtemp(join(tmpdir(), 'kubernetes-check-'));
    const path = join(dir, 'config');
    await writeFile(
      path,
      `clusters: [{ name: c, cluster: { server: 'https://127.0.0.1:${port}' } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`,
    );
    const facts = await gatherKubernetesFacts({ KUBECONFIG: path }, AbortSignal.timeout(10_000));
    expect(facts).toMatchObject({ kind: 'unreachable', error: 'ECONNREFUSED' });
  });

  it('names the files it looked at when none exists', async () => {
    const facts = await gatherKubernetesFacts(
      { KUBECONFIG: '/nonexistent/kubeconfig' },
      AbortSignal.timeout(5_000),
    );
    expect(facts).toEqual({ kind: 'no-kubeconfig', candidates: ['/nonexistent/kubeconfig'] });
  });
});

describe('doctor', () => {
  it('lists the Kubernetes row, which never blocks container drills', () => {
    expect(readinessChecks.find((check) => check.name === 'Kubernetes')).toMatchObject({ blocking: false });
  });
});
