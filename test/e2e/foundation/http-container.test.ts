import { Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RUN_LABEL, dockerClient } from '../../../src/common/docker.js';
import { images } from '../../../src/common/images.js';
import { describeWithDocker } from '../support/docker.js';
import { httpGet } from '../support/http.js';
import { LoopbackContainer } from '../support/loopback-container.js';
import { removeRunLeftovers, runLabels, testRunId } from '../support/run-labels.js';

describeWithDocker('a real container started through testcontainers', () => {
  let container: StartedTestContainer | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    container = await new LoopbackContainer(images.httpEcho)
      .withExposedPorts(8080)
      .withLabels(runLabels())
      .withWaitStrategy(Wait.forHttp('/health', 8080))
      .withStartupTimeout(60_000)
      .start();
    baseUrl = `http://127.0.0.1:${container.getMappedPort(8080)}`;
  });

  afterAll(async () => {
    await container?.stop();
    await removeRunLeftovers();
  });

  it('serves HTTP on a port published on 127.0.0.1', async () => {
    expect(await httpGet(`${baseUrl}/`)).toMatchObject({ status: 200, body: 'firedrill http-echo\n' });
    const echo = await httpGet(`${baseUrl}/cgi-bin/echo?probe=1`);
    expect(echo.status).toBe(200);
    expect(JSON.parse(echo.body)).toEqual({
      host: container?.getId().slice(0, 12),
      method: 'GET',
      uri: '/cgi-bin/echo?probe=1',
    });
  });

  it('is labelled with the test run id and published on loopback only', async () => {
    const info = await dockerClient()
      .getContainer(container?.getId() ?? '')
      .inspect();
    expect(info.Config.Labels[RUN_LABEL]).toBe(testRunId);
    const bindings = info.NetworkSettings.Ports['8080/tcp'] ?? [];
    expect(bindings.map((b) => b.HostIp)).toEqual(['127.0.0.1']);
  });
});
