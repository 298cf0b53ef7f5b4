import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { images } from '../../../src/common/images.js';
import { runFiredrill } from '../support/cli.js';
import { describeWithDocker } from '../support/docker.js';
import { LoopbackContainer } from '../support/loopback-container.js';
import { removeRunLeftovers, runLabels, testRunId } from '../support/run-labels.js';

describeWithDocker('firedrill init from running containers', () => {
  const label = `firedrill.test.init=${testRunId}`;
  const web = `firedrill-init-web-${testRunId}`;
  const cache = `firedrill-init-cache-${testRunId}`;
  const started: StartedTestContainer[] = [];

  beforeAll(async () => {
    const labels = { ...runLabels(), 'firedrill.test.init': testRunId };
    started.push(
      await new LoopbackContainer(images.httpEcho)
        .withName(web)
        .withExposedPorts(8080)
        .withLabels(labels)
        .withWaitStrategy(Wait.forHttp('/health', 8080))
        .start(),
      // Speaks TCP but not HTTP: init must fall back to a tcp probe.
      await new LoopbackContainer('firedrill/redis:7.0.15-1')
        .withName(cache)
        .withCommand(['server'])
        .withExposedPorts(6379)
        .withLabels(labels)
        .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
        .start(),
    );
  });

  afterAll(async () => {
    await Promise.all(started.map((c) => c.stop().catch(() => undefined)));
    await removeRunLeftovers();
  });

  it('--label: attach nodes, an http probe where GET / answers and tcp elsewhere; validate passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-init-e2e-'));
    const file = join(dir, 'drill.yaml');
    const init = await runFiredrill(['init', '--label', label, file]);
    expect(init.stderr).toBe('');
    expect(init.exitCode).toBe(0);
    const validate = await runFiredrill(['validate', file]);
    expect(validate.stderr).toBe('');
    expect(validate.exitCode).toBe(0);

    const drill = parse(readFileSync(file, 'utf8')) as {
      target: { type: string; nodes: Record<string, { container: string }> };
      probes: Array<{ name: string; type: string; status?: string; url?: string }>;
      faults: Array<{ type: string; node: string }>;
    };
    expect(drill.target.type).toBe('attach');
    // Sorted by container name: cache before web.
    expect(Object.values(drill.target.nodes)).toEqual([{ container: cache }, { container: web }]);
    const [cacheNode, webNode] = Object.keys(drill.target.nodes);
    expect(drill.probes.map((p) => [p.name, p.type])).toEqual([
      [`${cacheNode}-tcp-6379`, 'tcp'],
      [`${webNode}-http-8080`, 'http'],
    ]);
    expect(drill.probes[1]).toMatchObject({
      status: '2xx',
      url: `http://\${nodes.${webNode}.host}:\${nodes.${webNode}.port.8080}/`,
    });
    expect(drill.faults[0]).toMatchObject({ type: 'kill', node: cacheNode });
  });

  it('--container by name, and a name that does not run', async () => {
    const byName = await runFiredrill(['init', '--container', web, '-']);
    expect(byName.exitCode).toBe(0);
    expect((parse(byName.stdout) as { target: unknown }).target).toEqual({
      type: 'attach',
      // Node names are lowercase (the container's own name is kept as it is).
      nodes: { [web.toLowerCase()]: { container: web } },
    });
    const missing = await runFiredrill(['init', '--container', `no-such-${testRunId}`, '-']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`no container named "no-such-${testRunId}"`);
  });
});
