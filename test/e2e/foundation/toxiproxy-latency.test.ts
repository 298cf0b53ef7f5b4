import type Docker from 'dockerode';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { Toxiproxy, type Proxy } from 'toxiproxy-node-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dockerClient } from '../../../src/common/docker.js';
import { TOXIPROXY_API_PORT, images } from '../../../src/common/images.js';
import { describeWithDocker } from '../support/docker.js';
import { httpGet, medianRoundTrip } from '../support/http.js';
import { LoopbackContainer } from '../support/loopback-container.js';
import { removeRunLeftovers, runLabels, testRunId } from '../support/run-labels.js';

const LATENCY_MS = 300;
const PROXY_PORT = 8666;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

describeWithDocker('the real Toxiproxy (container) adding latency to a container', () => {
  let network: Docker.Network | undefined;
  const containers: StartedTestContainer[] = [];
  let proxy: Proxy;
  let apiUrl = '';
  let proxiedUrl = '';

  beforeAll(async () => {
    // Made with dockerode rather than testcontainers' Network, which cannot carry our label.
    const networkName = `firedrill-${testRunId}`;
    network = await dockerClient().createNetwork({
      Name: networkName,
      Driver: 'bridge',
      Labels: runLabels(),
    });
    containers.push(
      await new GenericContainer(images.httpEcho)
        .withNetworkMode(networkName)
        .withNetworkAliases('upstream')
        .withLabels(runLabels())
        .withWaitStrategy(
          Wait.forSuccessfulCommand('busybox wget -q -O /dev/null http://127.0.0.1:8080/health'),
        )
        .start(),
    );
    const toxiproxy = await new LoopbackContainer(images.toxiproxy)
      .withNetworkMode(networkName)
      .withNetworkAliases('toxiproxy')
      .withExposedPorts(TOXIPROXY_API_PORT, PROXY_PORT)
      .withLabels(runLabels())
      .withWaitStrategy(Wait.forHttp('/version', TOXIPROXY_API_PORT))
      .start();
    containers.push(toxiproxy);
    apiUrl = `http://127.0.0.1:${toxiproxy.getMappedPort(TOXIPROXY_API_PORT)}`;
    proxiedUrl = `http://127.0.0.1:${toxiproxy.getMappedPort(PROXY_PORT)}/health`;
    proxy = await new Toxiproxy(apiUrl).createProxy({
      name: 'upstream_http',
      listen: `0.0.0.0:${PROXY_PORT}`,
      upstream: 'upstream:8080',
    });
  });

  afterAll(async () => {
    await Promise.allSettled(containers.map((c) => c.stop()));
    await network?.remove().catch(() => undefined);
    await removeRunLeftovers();
  });

  it('runs the pinned version and proxies to the upstream container by its alias', async () => {
    expect(await new Toxiproxy(apiUrl).getVersion()).toContain('2.12.0');
    expect(await httpGet(proxiedUrl)).toMatchObject({ status: 200, body: 'ok\n' });
  });

  it('adds the latency of a latency toxic, and takes it away when the toxic is removed', async ({
    annotate,
  }) => {
    const baseline = await medianRoundTrip(proxiedUrl);
    expect(baseline).toBeLessThan(100);

    const toxic = await proxy.addToxic({
      name: 'latency_downstream',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: LATENCY_MS, jitter: 0 },
    });
    const added = (await medianRoundTrip(proxiedUrl)) - baseline;
    // The response crosses the toxic once: the delay is the toxic's, give or take scheduling.
    expect(added).toBeGreaterThanOrEqual(LATENCY_MS * 0.9);
    expect(added).toBeLessThan(LATENCY_MS + 150);

    await toxic.remove();
    const toxics = (await (await fetch(`${apiUrl}/proxies/upstream_http/toxics`)).json()) as unknown[];
    expect(toxics).toEqual([]);
    const after = await medianRoundTrip(proxiedUrl);
    expect(after).toBeLessThan(baseline + 50);
    await annotate(
      `round trip: baseline ${ms(baseline)}, added by the toxic ${ms(added)}, after removal ${ms(after)}`,
    );
  });
});
