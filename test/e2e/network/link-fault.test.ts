import { afterAll, beforeAll, expect, it } from 'vitest';
import { images } from '../../../src/common/images.js';
import { linkInjector } from '../../../src/injectors/link.js';
import { startLinks } from '../../../src/links/start-links.js';
import type { StartedLinks } from '../../../src/links/started-links.js';
import { resolveTemplates } from '../../../src/scenario/templates.js';
import { dockerTarget } from '../../../src/targets/docker/docker-target.js';
import type { StartedDockerTarget } from '../../../src/targets/docker/started-docker-target.js';
import { describeWithDocker } from '../support/docker.js';
import { httpGet, medianRoundTrip } from '../support/http.js';
import { removeRunLeftovers } from '../support/run-labels.js';
import { labelledLeftovers, targetContext } from '../docker/target-context.js';
import { faultContext, inject, rawGet, revert, toxicNames } from './fault-harness.js';

const BIG = 20_000;

describeWithDocker('link faults through a real Toxiproxy', () => {
  const context = targetContext();
  let target: StartedDockerTarget;
  let links: StartedLinks;
  let port = 0;
  const fault = (raw: Record<string, unknown>) =>
    inject(linkInjector, { type: 'link', link: 'web', ...raw }, faultContext(target, context, links));

  beforeAll(async () => {
    const config = dockerTarget.schema.parse({
      type: 'docker',
      nodes: { web: { image: images.httpEcho, ports: [8080] } },
    });
    target = await dockerTarget.start(config, context);
    await target.node('web').exec(['sh', '-c', `head -c ${BIG} /dev/zero | tr '\\0' x > /www/big`]);
    links = (await startLinks({ web: { upstream: '${nodes.web.alias}:8080' } }, undefined, target, {
      ...context,
      resolveUpstream: (_l, upstream) => resolveTemplates(upstream, target.templateValues()),
    }))!;
    port = Number(links.templateValues()['links.web.port']);
  });

  afterAll(async () => {
    await links?.stop();
    await target?.stop();
    expect(await labelledLeftovers()).toEqual({ containers: 0, networks: 0 });
    await removeRunLeftovers();
  });

  const url = (path: string) => `http://127.0.0.1:${port}${path}`;

  it('down: connections get no answer until the link is brought up again', async () => {
    const { undo, effect } = await fault({ toxic: 'down' });
    expect(effect.summary).toBe('took down link web');
    // Docker's port proxy accepts on the host port, then resets or closes when Toxiproxy refuses.
    const answer = await rawGet(port, '/health');
    expect(answer.bytes).toBe(0);
    expect([undefined, 'ECONNREFUSED', 'ECONNRESET']).toContain(answer.error);
    await revert(undo);
    expect((await httpGet(url('/health'))).status).toBe(200);
  });

  it('latency: adds its delay to each round trip; gone after revert', async () => {
    const baseline = await medianRoundTrip(url('/health'));
    const { undo } = await fault({ toxic: 'latency', latency: '300ms' });
    const added = (await medianRoundTrip(url('/health'))) - baseline;
    expect(added).toBeGreaterThanOrEqual(270);
    expect(added).toBeLessThan(450);
    await revert(undo);
    expect(await toxicNames(links, 'web')).toEqual([]);
    expect(await medianRoundTrip(url('/health'))).toBeLessThan(baseline + 50);
  });

  it('jitter: delays vary around the jitter; both streams when asked', async () => {
    const { undo } = await fault({ toxic: 'jitter', jitter: '100ms', stream: 'both' });
    expect(await toxicNames(links, 'web')).toHaveLength(2);
    const times: number[] = [];
    for (let i = 0; i < 8; i++) times.push((await httpGet(url('/health'))).elapsedMs);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(30);
    expect(Math.max(...times)).toBeLessThan(2 * 2 * 100 + 100);
    await revert(undo);
    expect(await toxicNames(links, 'web')).toEqual([]);
  });

  it('bandwidth: a 20 kB answer at 10 KB/s takes about 2 s', async () => {
    const { undo } = await fault({ toxic: 'bandwidth', rate: 10 });
    const answer = await httpGet(url('/big'));
    expect(answer.body).toHaveLength(BIG);
    expect(answer.elapsedMs).toBeGreaterThan(1500);
    await revert(undo);
    expect((await httpGet(url('/big'))).elapsedMs).toBeLessThan(500);
  });

  it('timeout 0: data stops and the request hangs; reset_peer: the connection is reset', async () => {
    const hang = await fault({ toxic: 'timeout', timeout: '0s', stream: 'upstream' });
    expect((await rawGet(port, '/health', 700)).error).toBe('timeout');
    await revert(hang.undo);
    const reset = await fault({ toxic: 'reset_peer', stream: 'upstream' });
    // Through Docker's port proxy a reset reaches the host as a close; either way, no answer.
    const answer = await rawGet(port, '/health');
    expect(answer.bytes).toBe(0);
    expect([undefined, 'ECONNRESET']).toContain(answer.error);
    await revert(reset.undo);
    expect(await toxicNames(links, 'web')).toEqual([]);
  });

  it('slow_close: the close comes after the delay; slicer: small slices, slowly; limit_data: cut after the bytes', async () => {
    const slow = await fault({ toxic: 'slow_close', delay: '1s' });
    expect((await rawGet(port, '/health')).elapsedMs).toBeGreaterThan(950);
    await revert(slow.undo);

    const sliced = await fault({ toxic: 'slicer', average_size: 500, delay: '20ms' });
    const answer = await httpGet(url('/big'));
    expect(answer.body).toHaveLength(BIG);
    expect(answer.elapsedMs).toBeGreaterThan((BIG / 500) * 20 * 0.8);
    await revert(sliced.undo);

    const limited = await fault({ toxic: 'limit_data', bytes: 1000 });
    const cut = await rawGet(port, '/big');
    expect(cut.bytes).toBeLessThanOrEqual(1000);
    await revert(limited.undo);
    expect((await rawGet(port, '/big')).bytes).toBeGreaterThan(BIG);
    expect(await toxicNames(links, 'web')).toEqual([]);
  });

  it('toxicity 0: the toxic is in place but touches no connection', async () => {
    const { undo } = await fault({ toxic: 'latency', latency: '1s', toxicity: 0 });
    expect(await toxicNames(links, 'web')).toHaveLength(1);
    expect((await httpGet(url('/health'))).elapsedMs).toBeLessThan(500);
    await revert(undo);
  });
});
