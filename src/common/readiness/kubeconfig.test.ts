import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeconfigProblem, kubeconfigCandidates, loadKubeconfig } from './kubeconfig.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeconfig-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const admin = `
apiVersion: v1
kind: Config
clusters:
  - name: local
    cluster: { server: 'https://192.0.2.2:6443', certificate-authority: pki/ca.crt }
users:
  - name: admin
    user: { token: secret-token }
contexts:
  - name: firedrill
    context: { cluster: local, user: admin }
current-context: firedrill
`;

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('kubeconfig candidates', () => {
  it('are KUBECONFIG’s list when set, else ~/.kube/config then the local cluster’s', () => {
    expect(kubeconfigCandidates({ KUBECONFIG: `/a${delimiter}${delimiter}/b` })).toEqual(['/a', '/b']);
    expect(kubeconfigCandidates({ HOME: '/home/u', FIREDRILL_K8S_DIR: '/srv/k8s' })).toEqual([
      '/home/u/.kube/config',
      '/srv/k8s/kubeconfig',
    ]);
    expect(kubeconfigCandidates({ HOME: '/home/u' })[1]).toBe('/var/lib/firedrill-k8s/kubeconfig');
  });
});

describe('loadKubeconfig', () => {
  it('resolves the current context to its server, token and CA (a path relative to the file)', async () => {
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'pki')));
    await file('pki/ca.crt', 'CA BYTES');
    const path = await file('config', admin);
    const target = await loadKubeconfig({ KUBECONFIG: path });
    expect(target).toMatchObject({
      path,
      context: 'firedrill',
      server: 'https://192.0.2.2:6443',
      token: 'secret-token',
      insecure: false,
    });
    expect(target?.ca?.toString()).toBe('CA BYTES');
  });

  it('merges KUBECONFIG files as kubectl does: the first current-context and entry win', async () => {
    const contextOnly = await file('a', 'current-context: other\n');
    const other = await file(
      'b',
      `clusters: [{ name: c, cluster: { server: 'https://10.0.0.1', insecure-skip-tls-verify: true, certificate-authority-data: ${Buffer.from('PEM').toString('base64')} } }]
users: [{ name: u, user: { client-certificate-data: ${Buffer.from('CERT').toString('base64')}, client-key-data: ${Buffer.from('KEY').toString('base64')} } }]
contexts: [{ name: other, context: { cluster: c, user: u } }]
current-context: ignored
`,
    );
    const target = await loadKubeconfig({ KUBECONFIG: [contextOnly, other].join(delimiter) });
    expect(target).toMatchObject({ context: 'other', server: 'https://10.0.0.1', insecure: true });
    expect([target?.ca, target?.cert, target?.key].map(String)).toEqual(['PEM', 'CERT', 'KEY']);
  });

  it('falls back to the local cluster’s kubeconfig when ~/.kube/config is absent', async () => {
    await file('kubeconfig', admin.replace('certificate-authority: pki/ca.crt', ''));
    const target = await loadKubeconfig({ HOME: join(dir, 'nohome'), FIREDRILL_K8S_DIR: dir });
    expect(target?.path).toBe(join(dir, 'kubeconfig'));
  });

  it('is undefined when no file exists', async () => {
    expect(await loadKubeconfig({ KUBECONFIG: join(dir, 'absent') })).toBeUndefined();
  });

  it('marks credential plugins as unsupported instead of guessing', async () => {
    const text = admin.replace('{ token: secret-token }', '{ exec: { command: gke-auth } }');
    const path = await file('exec', text.replace(', certificate-authority: pki/ca.crt', ''));
    expect(await loadKubeconfig({ KUBECONFIG: path })).toMatchObject({ unsupportedAuth: 'exec' });
  });

  it('names a certificate file it cannot read', async () => {
    const path = await file('config', admin);
    await expect(loadKubeconfig({ KUBECONFIG: path })).rejects.toThrow(
      `cannot read ${join(dir, 'pki/ca.crt')}: ENOENT`,
    );
  });

  it.each([
    ['no current-context', admin.replace('current-context: firedrill', ''), 'no current-context'],
    [
      'an undefined context',
      admin.replace('current-context: firedrill', 'current-context: x'),
      'context "x" is not defined',
    ],
    [
      'an undefined cluster',
      admin.replace('cluster: local,', 'cluster: gone,'),
      'cluster "gone" is not defined',
    ],
    [
      'a cluster without server',
      admin.replace(`server: 'https://192.0.2.2:6443', `, ''),
      'clusters.0.cluster.server',
    ],
  ])('names the file and the problem for %s', async (_, text, message) => {
    const path = await file('bad', text);
    const load = loadKubeconfig({ KUBECONFIG: path });
    await expect(load).rejects.toBeInstanceOf(KubeconfigProblem);
    await expect(load).rejects.toThrow(`${path}: `);
    await expect(loadKubeconfig({ KUBECONFIG: path })).rejects.toThrow(message);
  });
});
