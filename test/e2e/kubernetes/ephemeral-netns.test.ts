// The partition primitive on pods: an ephemeral NET_ADMIN container of the nettools image puts the
// docker sidecar's own iptables scripts into a plain pod's network namespace. Proven by traffic:
// a pod that answered another stops answering once the cut is on, and answers again after the
// revert, which leaves no rule behind. Against the local cluster (skipped without it).
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  activateScript,
  buildScript,
  chainName,
  revertScript,
} from '../../../src/injectors/partition/via-network.js';
import { connectCluster, type Cluster } from '../../../src/targets/kubernetes/cluster.js';
import {
  PodNetnsGoneError,
  revertInPodNetns,
  runInPodNetns,
  startPodNetnsHelper,
} from '../../../src/targets/kubernetes/ephemeral-netns.js';
import { describeWithCluster, kubeconfig, kubectl } from './local-cluster.js';
import { testNamespace, twoEchoPods } from './test-namespace.js';

const namespace = testNamespace('netns');
let cluster: Cluster;
const ip: Record<'a' | 'b', string> = { a: '', b: '' };
const uid: Record<'a' | 'b', string> = { a: '', b: '' };

/** Whether pod `from` gets an answer from `to`'s http-echo within 2 s (busybox nc in the pod). */
async function answers(from: 'a' | 'b', to: 'a' | 'b'): Promise<boolean> {
  // Not busybox wget: it segfaults in this image on these hosts.
  const request = String.raw`printf 'GET /health HTTP/1.0

'`;
  const probe = `${request} | busybox timeout 3 busybox nc -w 2 ${ip[to]} 8080 | grep -q '200 OK' && echo reached`;
  const out = await kubectl(['-n', namespace, 'exec', from, '--', 'sh', '-c', `${probe} || true`], 20_000);
  return out.includes('reached');
}

describeWithCluster('a pod network helper (ephemeral container)', () => {
  beforeAll(async () => {
    await kubectl(['apply', '-f', '-'], 60_000, twoEchoPods(namespace));
    await kubectl(
      ['-n', namespace, 'wait', 'pod/a', 'pod/b', '--for=condition=Ready', '--timeout=150s'],
      160_000,
    );
    for (const pod of ['a', 'b'] as const) {
      const [podIp, podUid] = (
        await kubectl(['-n', namespace, 'get', 'pod', pod, '-o', 'jsonpath={.status.podIP} {.metadata.uid}'])
      ).split(' ');
      ip[pod] = podIp!;
      uid[pod] = podUid!;
    }
    cluster = connectCluster({ kubeconfig, baseDir: process.cwd() });
  }, 200_000);

  afterAll(async () => {
    await kubectl(['delete', 'namespace', namespace, '--wait=true', '--timeout=120s'], 130_000);
  }, 140_000);

  it('cuts a pod off with the partition scripts, and the revert restores it without a trace', async () => {
    expect(await answers('b', 'a')).toBe(true);
    const chain = chainName('e2e001');
    const helper = await startPodNetnsHelper(cluster, { namespace, pod: 'a', uid: uid.a });
    try {
      expect((await helper.exec(['sh', '-c', buildScript(chain, [ip.b])])).exitCode).toBe(0);
      const atNs = BigInt(Date.now() + 50) * 1_000_000n;
      const applied = await helper.exec(['bash', '-c', activateScript(chain, atNs, ip.b!)]);
      expect(applied.exitCode).toBe(0);
      expect(applied.stdout).toContain(`-A ${chain} -s ${ip.b}/32 -j DROP`);
    } finally {
      await helper.remove();
    }
    // Both ways: a's INPUT drops b's requests, its OUTPUT its own to b.
    expect(await answers('b', 'a')).toBe(false);
    expect(await answers('a', 'b')).toBe(false);

    const reverted = await revertInPodNetns(cluster, { namespace, pod: 'a', uid: uid.a, node: 'a' }, [
      'sh',
      '-c',
      revertScript(chain),
    ]);
    expect(reverted).toBe('reverted network rules of a (pod a)');
    expect(await answers('b', 'a')).toBe(true);
    const listed = await runInPodNetns(cluster, { namespace, pod: 'a' }, ['iptables', '-w', '-S']);
    expect(listed.stdout).not.toContain(chain);
  }, 180_000);

  it('ends its helper: the ephemeral container terminates', async () => {
    const helper = await startPodNetnsHelper(cluster, { namespace, pod: 'b' });
    await helper.remove();
    const state = async () =>
      kubectl([
        '-n',
        namespace,
        'get',
        'pod',
        'b',
        '-o',
        `jsonpath={.status.ephemeralContainerStatuses[?(@.name=="${helper.container}")].state}`,
      ]);
    const deadline = Date.now() + 30_000;
    while (!(await state()).includes('terminated') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await state()).toContain('"exitCode":0');
  }, 60_000);

  it('refuses a replaced pod (another uid), and its revert reports the rules gone with it', async () => {
    const elsewhere = { namespace, pod: 'a', uid: '00000000-0000-0000-0000-000000000000' };
    await expect(runInPodNetns(cluster, elsewhere, ['true'])).rejects.toBeInstanceOf(PodNetnsGoneError);
    await expect(revertInPodNetns(cluster, { ...elsewhere, node: 'a' }, ['true'])).resolves.toBe(
      'a: pod a is gone or replaced, its network rules went with it',
    );
  }, 60_000);
});
