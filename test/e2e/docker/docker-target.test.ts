import { afterAll, beforeAll, expect, it } from 'vitest';
import { RUN_LABEL, dockerClient } from '../../../src/common/docker.js';
import { images } from '../../../src/common/images.js';
import { dockerTarget } from '../../../src/targets/docker/docker-target.js';
import type { StartedDockerTarget } from '../../../src/targets/docker/started-docker-target.js';
import { describeWithDocker } from '../support/docker.js';
import { httpGet } from '../support/http.js';
import { removeRunLeftovers, testRunId } from '../support/run-labels.js';
import { labelledLeftovers, targetContext } from './target-context.js';

const config = dockerTarget.schema.parse({
  type: 'docker',
  nodes: {
    web: {
      image: images.httpEcho,
      ports: [8080],
      wait: { http: '/health' },
      memory: '128m',
      tmpfs: { '/scratch': '8m' },
    },
    logged: {
      image: images.httpEcho,
      // httpd without -f returns once it listens: the line comes after that.
      command:
        'echo starting; sleep 0.3; busybox httpd -p 8080 -h /www && echo ready to serve && exec sleep infinity',
      ports: [8080],
      wait: { log: '^ready to serve$' },
    },
    tcp: { image: images.httpEcho, ports: [8080], wait: { port: 8080 } },
    api: {
      image: images.httpEcho,
      ports: [8080],
      restart: 'always',
      env: {
        ROLE: 'api',
        N: 3,
        WEB: 'http://${nodes.web.alias}:8080',
        LINK: '${links.db.alias}:${links.db.port}',
      },
    },
  },
});

describeWithDocker('the docker target', () => {
  const context = targetContext();
  let target: StartedDockerTarget;
  let url = '';

  beforeAll(async () => {
    target = await dockerTarget.start(config, {
      ...context,
      templateValues: { 'links.db.alias': 'firedrill-toxiproxy', 'links.db.port': '41000' },
    });
    url = `http://127.0.0.1:${target.templateValues()['nodes.web.port.8080']}`;
  });

  afterAll(async () => {
    await target?.stop();
    await removeRunLeftovers();
  });

  it('starts the nodes on the run network, labelled, published on 127.0.0.1 only, with their limits', async () => {
    const values = target.templateValues();
    expect(values).toMatchObject({
      'nodes.web.host': '127.0.0.1',
      'nodes.web.alias': 'web',
      'nodes.api.alias': 'api',
    });
    expect(await httpGet(`${url}/health`)).toMatchObject({ status: 200, body: 'ok\n' });
    const info = await target.node('web').inspect();
    expect(info.Config.Labels[RUN_LABEL]).toBe(testRunId);
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([target.network.name]);
    expect(info.NetworkSettings.Ports['8080/tcp']?.map((b) => b.HostIp)).toEqual(['127.0.0.1']);
    expect(info.HostConfig.Memory).toBe(128 * 1024 ** 2);
    const df = await target.node('web').exec(['df', '-k', '/scratch']);
    expect(df.stdout).toMatch(/tmpfs\s+8192\s/);
    expect((await target.node('api').exec(['sh', '-c', 'echo $ROLE-$N $WEB $LINK'])).stdout).toBe(
      'api-3 http://web:8080 firedrill-toxiproxy:41000\n',
    );
    const network = await dockerClient().getNetwork(target.network.id).inspect();
    expect(network.Labels?.[RUN_LABEL]).toBe(testRunId);
    expect(context.resources.map((r) => r.kind).sort()).toEqual([...Array(4).fill('container'), 'network']);
  });

  it('waits for a log line or a listening port before calling a node started', async () => {
    for (const node of ['logged', 'tcp']) {
      const port = target.templateValues()[`nodes.${node}.port.8080`];
      expect((await httpGet(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    }
    // A restart waits for the line again (a log line after the restart, not the first one).
    await target.node('logged').restart();
    const port = target.templateValues()['nodes.logged.port.8080'];
    expect((await httpGet(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });

  it('reaches one node from another by its alias on the run network', async () => {
    const result = await target
      .node('web')
      .exec(['busybox', 'wget', '-q', '-O', '-', 'http://api:8080/health']);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'ok\n' });
  });

  it('runs commands with their exit code and separate stdout and stderr, bounded by a timeout', async () => {
    const result = await target.node('web').exec(['sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    await expect(target.node('web').exec(['sleep', '5'], { timeoutMs: 200 })).rejects.toThrow(/within 200ms/);
  });

  it('streams output lines as they are written, stamped on arrival', async () => {
    const clock = context.clock;
    const seen: Array<{ line: string; at: number }> = [];
    const off = target.node('web').onOutput((line, at) => seen.push({ line, at }));
    const marker = `marker-${Date.now()}`;
    await target.node('web').exec(['sh', '-c', `echo ${marker} > /proc/1/fd/1`]);
    const written = clock.now();
    while (!seen.some((s) => s.line === marker) && clock.now() - written < 2000) await clock.sleep(5);
    off();
    const line = seen.find((s) => s.line === marker);
    expect(line).toBeDefined();
    expect(line!.at - written).toBeLessThan(100);
  });

  it('pauses a container (requests hang) and resumes it', async () => {
    const web = target.node('web');
    await web.pause();
    expect(await web.isPaused()).toBe(true);
    await expect(httpGet(`${url}/health`, 500)).rejects.toThrow();
    await web.resume();
    expect(await web.isPaused()).toBe(false);
    expect((await httpGet(`${url}/health`)).status).toBe(200);
  });

  it('kills a container (it exits), and starts it again on the same host port', async () => {
    const web = target.node('web');
    await web.kill();
    expect(await web.isRunning()).toBe(false);
    // Docker records the exit a moment after the kernel (the kill is verified by the kernel).
    await expect
      .poll(async () => (await web.inspect()).State)
      .toMatchObject({ Running: false, ExitCode: 137 });
    await expect(httpGet(`${url}/health`, 500)).rejects.toThrow();
    await web.start();
    expect((await httpGet(`${url}/health`)).status).toBe(200);
  });

  it('a killed container under restart: always comes back by itself', async () => {
    const api = target.node('api');
    const before = (await api.inspect()).State.StartedAt;
    await api.kill();
    const apiUrl = `http://127.0.0.1:${target.templateValues()['nodes.api.port.8080']}/health`;
    const deadline = Date.now() + 10_000;
    let back = false;
    while (!back && Date.now() < deadline)
      back = await httpGet(apiUrl, 500).then(
        (r) => r.status === 200,
        () => false,
      );
    expect(back).toBe(true);
    expect((await api.inspect()).State.StartedAt).not.toBe(before);
  });

  it('stops gracefully, starts, and restarts with a new start time', async () => {
    const web = target.node('web');
    await web.stop();
    expect(await web.isRunning()).toBe(false);
    await web.start();
    const before = (await web.inspect()).State.StartedAt;
    await web.restart();
    expect((await web.inspect()).State.StartedAt).not.toBe(before);
    expect((await httpGet(`${url}/health`)).status).toBe(200);
  });

  it('removes its containers and network when stopped', async () => {
    await target.stop();
    expect(await labelledLeftovers()).toEqual({ containers: 0, networks: 0 });
  });
});
