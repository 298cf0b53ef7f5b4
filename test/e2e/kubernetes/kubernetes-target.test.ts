// The kubernetes target started directly against the local cluster: what each node action does to a
// real pod, verified from outside (the API's restart count, the port-forward's answers, the log),
// and that stopping the target leaves no labelled namespace or object.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SystemClock } from '../../../src/common/clock.js';
import { silentLogger } from '../../../src/common/logger.js';
import { faultContextFor } from '../../../test/fixtures/servers/fixture-target.js';
import { diskFillInjector } from '../../../src/injectors/disk-fill.js';
import type { Resource } from '../../../src/targets/target.js';
import { kubernetesTargetSchema } from '../../../src/targets/kubernetes/kubernetes-schema.js';
import type { StartedKubernetesTarget } from '../../../src/targets/kubernetes/started-kubernetes-target.js';
import { httpGet } from '../support/http.js';
import { clusterLeftovers } from './kubernetes-drill-cli.js';
import { describeWithCluster, kubeconfig } from './local-cluster.js';

const runId = `h3t${randomBytes(3).toString('hex')}`;
const clock = new SystemClock();
const resources: Resource[] = [];
let target: StartedKubernetesTarget;

async function answer(): Promise<string> {
  try {
    const url = `http://127.0.0.1:${target.templateValues()['nodes.web.port.8080']}/health`;
    return String((await httpGet(url, 1_500)).status);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs}ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeWithCluster('the kubernetes target on the local cluster', () => {
  beforeAll(async () => {
    const { kubernetesTarget } = await import('../../../src/targets/kubernetes/kubernetes-target.js');
    const config = kubernetesTargetSchema.parse({
      type: 'kubernetes',
      kubeconfig,
      manifests: ['./echo-statefulset.yaml'],
      nodes: { web: { pod: 'echo-0', ports: [8080] } },
    });
    target = await kubernetesTarget.start(config, {
      runId,
      baseDir: join(import.meta.dirname, 'fixtures'),
      clock,
      logger: silentLogger,
      signal: new AbortController().signal,
      recordResource: async (resource) => void resources.push(resource),
    });
  });

  afterAll(async () => {
    await target?.stop();
    expect(await clusterLeftovers(runId)).toEqual([]);
  });

  it('records the namespace, the manifests and the node agent, and offers host, port and pod IP', () => {
    expect(resources.map((r) => r.description)).toEqual([
      `namespace firedrill-${runId}`,
      `StatefulSet firedrill-${runId}/echo`,
      `Service firedrill-${runId}/echo`,
      expect.stringMatching(new RegExp(`^node agent pod firedrill-${runId}/firedrill-agent-`)),
    ]);
    const values = target.templateValues();
    expect(values['nodes.web.host']).toBe('127.0.0.1');
    expect(values['nodes.web.ip']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(target.node('web').ref()).toMatchObject({
      kind: 'pod',
      namespace: `firedrill-${runId}`,
      pod: 'echo-0',
      container: 'http-echo',
    });
  });

  it('execs through the API with exit code, stdout and stderr', async () => {
    const result = await target.node('web').exec(['sh', '-c', 'echo out; echo err >&2; exit 7']);
    expect(result).toEqual({ exitCode: 7, stdout: 'out\n', stderr: 'err\n' });
  });

  it('kills the main process: the kubelet counts a restart, the port-forward answers again, the log goes on', async () => {
    const web = target.node('web');
    const before = web.identity();
    await web.kill();
    // kill returns once the kubelet reports the exit; start once it restarted the container.
    expect(await web.isRunning()).toBe(false);
    await web.start();
    expect(web.identity().restartCount).toBeGreaterThan(before.restartCount);
    expect(web.identity().containerId).not.toBe(before.containerId);
    // Subscribed once the old instance is gone: any line now comes from the restarted container.
    const lines: string[] = [];
    const unsubscribe = web.onOutput((line) => lines.push(line));
    await eventually('the port-forward answers', async () => (await answer()) === '200');
    // busybox httpd logs each request: the line comes from the restarted container's log.
    await eventually('a log line of the restarted container', async () =>
      lines.some((l) => /response:200/.test(l)),
    );
    unsubscribe();
  });

  it('pauses every process (the port-forward stops answering) and resumes them', async () => {
    const web = target.node('web');
    await web.pause();
    expect(await web.isPaused()).toBe(true);
    expect(await answer()).toMatch(/^error/);
    await web.resume();
    expect(await web.isPaused()).toBe(false);
    await eventually('answers after resume', async () => (await answer()) === '200');
  });

  it('runs a resource fault through exec: disk-fill writes its file in the container and removes it', async () => {
    const fault = diskFillInjector.create(
      diskFillInjector.schema.parse({ type: 'disk-fill', node: 'web', path: '/tmp', size: '8m' }),
    );
    const context = faultContextFor(target, clock);
    const undo = await fault.prepare(context);
    await fault.inject(context);
    const filled = await target.node('web').exec(['sh', '-c', 'du -sk /tmp | cut -f1']);
    expect(Number(filled.stdout.trim())).toBeGreaterThanOrEqual(8 * 1024);
    const { runUndoStep } = await import('../../../src/engine/undo-executor.js');
    const { offlineNodeControl } = await import('../../../src/engine/offline-node-control.js');
    for (const step of undo) await runUndoStep(step, { target, offline: offlineNodeControl });
    const after = await target.node('web').exec(['sh', '-c', 'du -sk /tmp | cut -f1']);
    expect(Number(after.stdout.trim())).toBeLessThan(1024);
  });

  it('follows the StatefulSet pod after its deletion: same name, new uid, reached through the port-forward, its log followed', async () => {
    const web = target.node('web');
    const before = web.identity();
    const deleted = await web.deletePod(0);
    expect(deleted).toEqual({ pod: 'echo-0', uid: before.uid });
    await web.start();
    expect(web.identity()).toMatchObject({ pod: 'echo-0' });
    expect(web.identity().uid).not.toBe(before.uid);
    // The old pod is deleted (grace 0): any line now comes from the new pod's log.
    const lines: string[] = [];
    const unsubscribe = web.onOutput((line) => lines.push(line));
    await eventually('the new pod answers', async () => (await answer()) === '200');
    // The log follower moved to the new pod: its request lines arrive.
    await eventually('a log line of the new pod', async () => lines.some((l) => /response:200/.test(l)));
    unsubscribe();
  });
});
