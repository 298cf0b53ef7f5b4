import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { images } from '../../../src/common/images.js';
import { startLinks } from '../../../src/links/start-links.js';
import { useToxiproxyServer } from '../../../src/links/toxiproxy-remote.js';
import { dockerTarget } from '../../../src/targets/docker/docker-target.js';
import { processTarget } from '../../../src/targets/process/process-target.js';
import { readProcStat } from '../../../src/targets/process/proc-stat.js';
import { resolveTemplates } from '../../../src/scenario/templates.js';
import type { StartedTarget } from '../../../src/targets/target.js';
import { describeWithDocker } from '../support/docker.js';
import { httpGet } from '../support/http.js';
import { removeRunLeftovers, testRunId } from '../support/run-labels.js';
import { labelledLeftovers, targetContext } from '../docker/target-context.js';
import { repoRoot } from '../engine/run-cli.js';

const linksContext = (target: StartedTarget, context: ReturnType<typeof targetContext>) => ({
  ...context,
  resolveUpstream: (_link: string, upstream: string) => resolveTemplates(upstream, target.templateValues()),
});

async function proxyNames(url: string): Promise<string[]> {
  return Object.keys((await (await fetch(`${url}/proxies`)).json()) as Record<string, unknown>);
}

describeWithDocker('links through Toxiproxy', () => {
  afterAll(async () => {
    await removeRunLeftovers();
  });

  it('docker target: a Toxiproxy container on the run network, reached from the host and from the nodes', async () => {
    const context = targetContext();
    const config = dockerTarget.schema.parse({
      type: 'docker',
      nodes: { web: { image: images.httpEcho, ports: [8080] }, client: { image: images.httpEcho } },
    });
    const target = await dockerTarget.start(config, context);
    try {
      const links = await startLinks(
        { web: { upstream: '${nodes.web.alias}:8080' } },
        undefined,
        target,
        linksContext(target, context),
      );
      const values = links!.templateValues();
      expect(values['links.web.host']).toBe('127.0.0.1');
      expect(values['links.web.alias']).toBe('firedrill-toxiproxy');
      expect(await httpGet(`http://127.0.0.1:${values['links.web.port']}/health`)).toMatchObject({
        status: 200,
        body: 'ok\n',
      });
      const inside = await target
        .node('client')
        .exec([
          'busybox',
          'wget',
          '-q',
          '-O',
          '-',
          `http://firedrill-toxiproxy:${values['links.web.port']}/health`,
        ]);
      expect(inside).toMatchObject({ exitCode: 0, stdout: 'ok\n' });
      expect(await proxyNames(links!.toxiproxyUrl)).toEqual([`firedrill-${testRunId}-web`]);
      expect(context.resources.filter((r) => r.kind === 'container')).toHaveLength(3);
      await links!.stop();
    } finally {
      await target.stop();
    }
    expect(await labelledLeftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it('process target: a toxiproxy-server process on 127.0.0.1, ended at the end; or a server given by URL', async () => {
    const context = targetContext();
    const config = processTarget.schema.parse({
      type: 'process',
      nodes: {
        web: {
          command: ['node', join(repoRoot, 'test/fixtures/servers/http-server.mjs')],
          env: { PORT: '${port.http}' },
          ports: { http: 'auto' },
          ready: { http: '/health' },
        },
      },
    });
    const target = await processTarget.start(config, context);
    try {
      const upstream = '${nodes.web.host}:${nodes.web.port.http}';
      const links = await startLinks({ web: { upstream } }, undefined, target, linksContext(target, context));
      const port = links!.templateValues()['links.web.port'];
      expect((await httpGet(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const server = context.resources.find(
        (r) => r.kind === 'process' && r.description === 'toxiproxy-server',
      );
      expect(server).toBeDefined();

      // The same server, used by URL as an existing one: only the run's own proxies come and go.
      const shared = await startLinks(
        { again: { upstream } },
        { url: links!.toxiproxyUrl },
        target,
        linksContext(target, context),
      );
      expect((await proxyNames(links!.toxiproxyUrl)).sort()).toEqual([
        `firedrill-${testRunId}-again`,
        `firedrill-${testRunId}-web`,
      ]);
      await shared!.stop();
      expect(await proxyNames(links!.toxiproxyUrl)).toEqual([`firedrill-${testRunId}-web`]);

      await links!.stop();
      const pid = server!.kind === 'process' ? server!.pid : 0;
      expect(await readProcStat(pid)).toBeUndefined();
    } finally {
      await target.stop();
    }
  });

  it('a server URL nobody answers at is an environment error naming it', async () => {
    await expect(useToxiproxyServer('http://127.0.0.1:9')).rejects.toThrow(
      'no Toxiproxy answers at http://127.0.0.1:9/version',
    );
  });
});
