import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../common/errors.js';
import type { PodNodeConfig } from './kubernetes-schema.js';
import { fillManifest, linkedStart, makesPodOf, openLinks, plannedStartSteps } from './links-order.js';
import type { ManifestObject } from './manifest-objects.js';

const pod = (name: string, labels: Record<string, string>, env?: string): ManifestObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'x', ...(env && { env: [{ name: 'UPSTREAM', value: env }] }) }] },
});
const workload = (
  kind: string,
  name: string,
  labels: Record<string, string>,
  env?: string,
): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name },
  spec: { template: { metadata: { labels }, spec: pod(name, labels, env).spec } },
});

describe('start order of a kubernetes target with links', () => {
  const echo = pod('echo', { app: 'echo' });
  const client = pod('client', { app: 'client' }, '${links.echo.alias}:${links.echo.port}');

  it('creates the manifests naming a link after the links, and waits for their nodes after them', () => {
    const settings = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings' },
      data: { mode: 'fast' },
    };
    const order = linkedStart([echo, client, settings], {
      echo: { pod: 'echo' },
      client: { pod: 'client' },
    });
    expect(order.plain.map((o) => o.metadata.name)).toEqual(['echo', 'settings']);
    expect(order.linked.map((o) => o.metadata.name)).toEqual(['client']);
    expect(order.lateNodes).toEqual(['client']);
  });

  it('without a manifest naming a link, every node comes first (the links start once the target is up)', () => {
    const order = linkedStart([echo, pod('other', { app: 'other' }, '${nodes.echo.ip}:8080')], {
      echo: { pod: 'echo' },
    });
    expect(order.linked).toEqual([]);
    expect(order.lateNodes).toEqual([]);
  });

  it("finds a node's pod in a linked manifest by pod name, StatefulSet ordinal, generated name or selector", () => {
    const set = workload('StatefulSet', 'db', { app: 'db' });
    const deployment = workload('Deployment', 'api', { app: 'api', tier: 'web' });
    const cases: Array<[ManifestObject, PodNodeConfig, boolean]> = [
      [client, { pod: 'client' }, true],
      [client, { pod: 'client-0' }, false],
      [client, { selector: 'app=client' }, true],
      [set, { pod: 'db-0' }, true],
      [set, { pod: 'db-x' }, false],
      [set, { pod: 'dbx-0' }, false],
      [deployment, { pod: 'api-7d9f8-abcde' }, true],
      [deployment, { selector: 'tier=web' }, true],
      [deployment, { selector: 'app=db' }, false],
      [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'client' } }, { pod: 'client' }, false],
    ];
    for (const [object, node, expected] of cases)
      expect(makesPodOf(object, node), JSON.stringify(node)).toBe(expected);
  });
});

describe('filling a linked manifest', () => {
  const values = {
    'links.echo.alias': '10.96.65.19',
    'links.echo.port': '38295',
    'links.echo.host': '127.0.0.1',
  };

  it('gives the pod the in-cluster address of the link', () => {
    const filled = fillManifest(pod('client', {}, '${links.echo.alias}:${links.echo.port}'), values);
    expect(filled.spec).toEqual({
      containers: [{ name: 'c', image: 'x', env: [{ name: 'UPSTREAM', value: '10.96.65.19:38295' }] }],
    });
  });

  it("quotes a value spliced into a pod's shell script, and leaves the shell's own ${VAR} alone", () => {
    const script = pod('client', {});
    (script.spec as { containers: Array<Record<string, unknown>> }).containers[0]!.command = [
      'sh',
      '-c',
      'wget http://${links.echo.alias}:${links.echo.port}/ && echo ${HOME}',
    ];
    const filled = fillManifest(script, { ...values, 'links.echo.alias': '10.0.0.1; rm -rf /' });
    const command = (filled.spec as { containers: Array<{ command: string[] }> }).containers[0]!.command;
    expect(command[2]).toBe("wget http://'10.0.0.1; rm -rf /':'38295'/ && echo ${HOME}");
  });

  it('names the manifest and the close match when a reference has no value', () => {
    const error = (() => {
      try {
        fillManifest(pod('client', {}, '${links.ecko.alias}'), values);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems[0]).toMatchObject({
      path: expect.stringContaining('Pod client'),
      hint: expect.stringContaining('${links.echo.alias}'),
    });
  });

  it('opens the links with the target as their Toxiproxy host and the values of the nodes up so far', async () => {
    const target = {
      startToxiproxy: () => Promise.reject(new Error('not here')),
      templateValues: () => ({ 'nodes.echo.ip': '10.244.0.231' }),
    };
    const seen: unknown[] = [];
    const links = {
      order: (names: readonly string[]) => [...names],
      needsLinks: () => false,
      close: async () => undefined,
      open: async (site: unknown) => {
        seen.push(site);
        return values;
      },
    };
    const all = await openLinks({ links, templateValues: { 'run.dir': '/runs/1' } }, target);
    expect(seen).toEqual([
      { toxiproxy: target, values: { 'run.dir': '/runs/1', 'nodes.echo.ip': '10.244.0.231' } },
    ]);
    expect(all).toEqual({ 'run.dir': '/runs/1', 'nodes.echo.ip': '10.244.0.231', ...values });
  });
});

describe('the start order firedrill plan shows', () => {
  const nodes = { echo: { pod: 'echo' }, client: { pod: 'client' } };
  const client = pod('client', {}, '${links.echo.alias}:${links.echo.port}');

  it('puts the links before the nodes an inline manifest naming a link makes', () => {
    expect(plannedStartSteps({ manifests: [pod('echo', {}), client], nodes }, ['echo'])).toEqual([
      'echo',
      'links (echo)',
      'client',
    ]);
  });

  it('puts them last when no inline manifest names one (they start once the target is up)', () => {
    expect(plannedStartSteps({ manifests: ['./pods.yaml'], nodes }, ['echo'])).toEqual([
      'echo',
      'client',
      'links (echo)',
    ]);
    expect(plannedStartSteps({ nodes }, [])).toEqual(['echo', 'client']);
  });
});
