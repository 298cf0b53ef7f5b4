import { Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { images } from '../../../src/common/images.js';
import { attachTarget } from '../../../src/targets/attach/attach-target.js';
import { describeWithDocker } from '../support/docker.js';
import { httpGet } from '../support/http.js';
import { LoopbackContainer } from '../support/loopback-container.js';
import { removeRunLeftovers, runLabels, testRunId } from '../support/run-labels.js';
import { labelledLeftovers, targetContext } from './target-context.js';

describeWithDocker('the attach target', () => {
  let running: StartedTestContainer;
  const name = `firedrill-attach-${testRunId}`;

  beforeAll(async () => {
    running = await new LoopbackContainer(images.httpEcho)
      .withName(name)
      .withExposedPorts(8080)
      .withLabels({ ...runLabels(), 'firedrill.test.role': `web-${testRunId}` })
      .withWaitStrategy(Wait.forHttp('/health', 8080))
      .start();
  });

  afterAll(async () => {
    await removeRunLeftovers();
  });

  it('attaches by name and by label, controls the container, and leaves it in place at the end', async () => {
    const config = attachTarget.schema.parse({
      type: 'attach',
      nodes: { byName: { container: name }, byLabel: { label: `firedrill.test.role=web-${testRunId}` } },
    });
    const target = await attachTarget.start(config, targetContext());
    expect(target.node('byName').ref()).toEqual({ kind: 'container', node: 'byName', id: running.getId() });
    expect(target.node('byLabel').ref().kind === 'container' && target.node('byLabel').id).toBe(
      running.getId(),
    );
    const port = target.templateValues()['nodes.byName.port.8080'];
    expect(Number(port)).toBe(running.getMappedPort(8080));
    expect(target.templateValues()['nodes.byName.alias']).toBe(name);

    const node = target.node('byName');
    await node.kill();
    expect(await node.isRunning()).toBe(false);
    await node.start();
    // A port published at random gets a new host port on each start (Docker's doing).
    const info = await node.inspect();
    const newPort = info.NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort;
    await expect
      .poll(() => httpGet(`http://127.0.0.1:${newPort}/health`).then((r) => r.status, String))
      .toBe(200);
    expect((await node.exec(['cat', '/etc/hostname'])).stdout.trim()).toBe(running.getId().slice(0, 12));

    await target.stop();
    expect(await node.isRunning()).toBe(true);
    expect(await labelledLeftovers()).toEqual({ containers: 1, networks: 0 });
  });

  it('rejects a label that matches no running container, and an unknown name, saying which', async () => {
    const byLabel = attachTarget.schema.parse({
      type: 'attach',
      nodes: { db: { label: `nothing=${testRunId}` } },
    });
    await expect(attachTarget.start(byLabel, targetContext())).rejects.toThrow(
      `node db: label "nothing=${testRunId}" matches 0 running containers, expected exactly 1`,
    );
    const byName = attachTarget.schema.parse({
      type: 'attach',
      nodes: { db: { container: 'no-such-container-x' } },
    });
    await expect(attachTarget.start(byName, targetContext())).rejects.toThrow(
      'no container named "no-such-container-x"',
    );
  });
});
