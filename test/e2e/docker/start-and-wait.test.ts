import { afterAll, afterEach, expect, it } from 'vitest';
import { images } from '../../../src/common/images.js';
import { dockerTarget } from '../../../src/targets/docker/docker-target.js';
import type { StartedDockerTarget } from '../../../src/targets/docker/started-docker-target.js';
import { describeWithDocker } from '../support/docker.js';
import { removeRunLeftovers } from '../support/run-labels.js';
import { labelledLeftovers, targetContext } from './target-context.js';

const started: StartedDockerTarget[] = [];

/** Starts a one-node docker target; resolves with the target, or with the error and how long it took. */
async function startNode(node: Record<string, unknown>) {
  const config = dockerTarget.schema.parse({
    type: 'docker',
    nodes: { db: { image: images.httpEcho, ...node } },
  });
  const begun = performance.now();
  try {
    const target = await dockerTarget.start(config, targetContext());
    started.push(target);
    return { target, ms: performance.now() - begun };
  } catch (error) {
    return { error: error as Error & { hint?: string }, ms: performance.now() - begun };
  }
}

describeWithDocker('docker nodes that exit while firedrill waits for them', () => {
  afterEach(async () => {
    await Promise.all(started.splice(0).map((target) => target.stop()));
  });
  afterAll(async () => {
    await removeRunLeftovers();
  });

  // A 60s wait: the failure must come long before it, from the exit itself.
  const crashing = 'echo starting; echo "FATAL: could not bind: Address in use" >&2; exit 3';

  it('wait: http fails at once with the exit code and the last lines', async () => {
    const { error, ms } = await startNode({ command: crashing, ports: [8080], wait: { http: '/health' } });
    expect(error?.message).toBe(
      'node db exited while firedrill waited for GET /health on port 8080 answering 200: exit code 3',
    );
    expect(error?.hint).toContain('FATAL: could not bind: Address in use');
    expect(error?.hint).toContain('starting');
    expect(ms).toBeLessThan(30_000);
    expect(await labelledLeftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it('wait: port fails at once too, and so does the default wait on the published ports', async () => {
    const port = await startNode({ command: crashing, ports: [8080], wait: { port: 8080 } });
    expect(port.error?.message).toBe(
      'node db exited while firedrill waited for port 8080 to listen: exit code 3',
    );
    const ports = await startNode({ command: 'exit 7', ports: [8080] });
    expect(ports.error?.message).toMatch(/^node db exited while .*: exit code 7$/);
    expect(Math.max(port.ms, ports.ms)).toBeLessThan(30_000);
  });

  it('an OOM-killed node is named as such, with the fix', async () => {
    const { error, ms } = await startNode({
      entrypoint: ['sh', '-c'],
      command: ['(head -c 200m /dev/zero; sleep 5) | tail'],
      memory: '32m',
      ports: [8080],
      wait: { http: '/health' },
    });
    expect(error?.message).toMatch(
      /exited while firedrill waited .*: it was OOM-killed \(exit code 137\): raise its memory limit$/,
    );
    expect(ms).toBeLessThan(30_000);
  });

  it('a node that stays up still counts as started only once it answers', async () => {
    const { target, error } = await startNode({
      command: 'sleep 1; exec busybox httpd -f -p 8080 -h /www',
      ports: [8080],
      wait: { http: '/health' },
    });
    expect(error).toBeUndefined();
    expect(await target!.node('db').isRunning()).toBe(true);
  });

  it('mounts a tmpfs with the mode and owner a non-root program needs', async () => {
    const { target, error } = await startNode({
      tmpfs: { '/pgdata': { size: '8m', mode: '0700', uid: 999, gid: 998 }, '/scratch': '4m' },
    });
    expect(error).toBeUndefined();
    const stat = await target!.node('db').exec(['stat', '-c', '%a %u %g', '/pgdata', '/scratch']);
    expect(stat.stdout).toBe('700 999 998\n1777 0 0\n');
    const df = await target!.node('db').exec(['df', '-k', '/pgdata']);
    expect(df.stdout).toMatch(/tmpfs\s+8192\s/);
  });
});
