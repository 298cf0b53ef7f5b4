import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TargetError } from '../common/errors.js';
import { FakeClock } from '../common/fake-clock.js';
import { refuseLoopback } from '../targets/kubernetes/links-upstream.js';
import type { StartedTarget, ToxiproxyHost } from '../targets/target.js';
import type { LinkPlan } from './link-plan.js';
import { startLinks, type LinksContext } from './start-links.js';
import type { ToxiproxyServer } from './toxiproxy-server.js';

/** A Toxiproxy API that only records the proxies it is asked to create. */
let api: Server;
let apiUrl: string;
let created: Array<Record<string, unknown>>;

beforeEach(async () => {
  created = [];
  api = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const proxy = JSON.parse(body || '{}') as Record<string, unknown>;
      created.push(proxy);
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ...proxy, enabled: true, toxics: [] }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterEach(() => new Promise<void>((resolve) => api.close(() => resolve())));

/** The kubernetes target's Toxiproxy as startLinks sees it: a pod reached by cluster IP. */
function podHost(): ToxiproxyHost & { asked: number[][]; stopped: number } {
  const host = {
    asked: [] as number[][],
    stopped: 0,
    startToxiproxy: async (ports: readonly number[]): Promise<ToxiproxyServer> => {
      host.asked.push([...ports]);
      return {
        kind: 'pod',
        url: apiUrl,
        listenAddress: (port) => `0.0.0.0:${port}`,
        hostAddress: (port) => ({ host: '127.0.0.1', port }),
        alias: '10.96.65.19',
        shared: false,
        checkUpstream: refuseLoopback,
        stop: async () => void host.stopped++,
      };
    },
  };
  return host;
}

const context = (values: Record<string, string>): LinksContext => ({
  runId: 'r1',
  clock: new FakeClock(),
  signal: new AbortController().signal,
  recordResource: async () => undefined,
  resolveUpstream: (_link, upstream) => upstream.replace('${nodes.echo.ip}', values['nodes.echo.ip']!),
});

const plan: LinkPlan = {
  ports: { echo: 38295 },
  listens: { echo: { host: '127.0.0.1', port: 38295 } },
};

describe('links on a target that runs their Toxiproxy (kubernetes)', () => {
  it("uses the started target's Toxiproxy: proxies listen on the pod's interfaces, pods get the cluster IP", async () => {
    const host = podHost();
    // A started target: no network, but its own launcher.
    const target: StartedTarget = {
      nodes: new Map(),
      node: () => {
        throw new Error('no nodes');
      },
      templateValues: () => ({}),
      stop: async () => {},
      startToxiproxy: host.startToxiproxy,
    };
    const links = await startLinks(
      { echo: { upstream: '${nodes.echo.ip}:8080', listen: '127.0.0.1:38295' } },
      undefined,
      target,
      context({ 'nodes.echo.ip': '10.244.0.231' }),
      plan,
    );
    expect(host.asked).toEqual([[38295]]);
    // `listen`'s host is the host's: inside the pod the proxy listens on every interface.
    expect(created).toEqual([
      { name: 'firedrill-r1-echo', listen: '0.0.0.0:38295', upstream: '10.244.0.231:8080' },
    ]);
    expect(links!.templateValues()).toEqual({
      'links.echo.host': '127.0.0.1',
      'links.echo.port': '38295',
      'links.echo.alias': '10.96.65.19',
    });
    expect(links!.get('echo')).toMatchObject({ to: 'echo' });
  });

  it('uses the launcher the target hands to the gate, before it is started', async () => {
    const host = podHost();
    const links = await startLinks(
      { echo: { upstream: '${nodes.echo.ip}:8080' } },
      undefined,
      { toxiproxy: host },
      context({ 'nodes.echo.ip': '10.244.0.231' }),
      plan,
    );
    expect(host.asked).toEqual([[38295]]);
    expect(links!.templateValues()['links.echo.alias']).toBe('10.96.65.19');
  });

  it('refuses an upstream on loopback (in the cluster that is the Toxiproxy pod), and stops the pod', async () => {
    const host = podHost();
    const start = startLinks(
      { echo: { upstream: '${nodes.echo.ip}:8080' } },
      undefined,
      { toxiproxy: host },
      context({ 'nodes.echo.ip': '127.0.0.1' }),
      plan,
    );
    await expect(start).rejects.toThrow(TargetError);
    await expect(start).rejects.toThrow(
      /links\.echo\.upstream is 127\.0\.0\.1:8080: .*the Toxiproxy pod itself/,
    );
    expect(created).toEqual([]);
    expect(host.stopped).toBe(1);
  });
});

describe('refuseLoopback', () => {
  it('refuses the loopback forms and lets cluster addresses through', () => {
    for (const upstream of ['127.0.0.1:80', '127.1.2.3:80', 'localhost:80', '[::1]:80'])
      expect(() => refuseLoopback('db', upstream), upstream).toThrow(TargetError);
    for (const upstream of ['10.244.0.231:8080', 'echo:8080', 'echo.shop.svc:8080', '[fd00::1]:80'])
      expect(() => refuseLoopback('db', upstream), upstream).not.toThrow();
  });
});
