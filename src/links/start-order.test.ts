import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../common/errors.js';
import { loadScenario } from '../scenario/load.js';
import { scenarioDir } from '../scenario/testing/scenario-files.js';
import { linkCycleNodes, linkDependencies, nodeStartOrder } from './start-order.js';

const nodes = {
  nginx: { image: 'nginx', command: 'upstream ${links.api.alias}:${links.api.port}' },
  api: { image: 'api', env: { DB: '${nodes.db.alias}:5432' } },
  db: { image: 'db' },
  toxi: { image: 'toxiproxy', ports: [8474] },
};

describe('start order from link dependencies', () => {
  it('starts the links before the nodes that name them, and the Toxiproxy node before the links', () => {
    const deps = linkDependencies(nodes, 'http://127.0.0.1:${nodes.toxi.port.8474}');
    expect(deps).toEqual({ linkUsers: ['nginx'], serverNodes: ['toxi'] });
    // toxi moves up to just before nginx, the first node that needs the links; the rest keep their order.
    expect(nodeStartOrder(Object.keys(nodes), deps)).toEqual(['toxi', 'nginx', 'api', 'db']);
    expect(linkCycleNodes(deps)).toEqual([]);
  });

  it('keeps the declared order when no node names a link', () => {
    const deps = linkDependencies({ a: { command: 'x' }, b: {} }, undefined);
    expect(nodeStartOrder(['a', 'b'], deps)).toEqual(['a', 'b']);
  });

  it("a link whose upstream is the node that uses it is no cycle: the upstream's address is known before the start", () => {
    const deps = linkDependencies({ app: { env: { SELF: '${links.loop.port}' } } }, undefined);
    expect(linkCycleNodes(deps)).toEqual([]);
  });

  it('a Toxiproxy node that names a link is a cycle', () => {
    const deps = linkDependencies({ toxi: { command: 'x ${links.db.port}' } }, 'http://${nodes.toxi.host}:1');
    expect(linkCycleNodes(deps)).toEqual(['toxi']);
  });
});

const drill = (toxiCommand: string) => `apiVersion: firedrill/v1
kind: Drill
name: cycle
target:
  type: process
  nodes:
    toxi:
      command: ${JSON.stringify(toxiCommand)}
      ports: { api: auto }
links:
  db: { upstream: '127.0.0.1:5432' }
toxiproxy: { url: 'http://127.0.0.1:\${nodes.toxi.port.api}' }
probes:
  - { name: up, role: steady, type: tcp, host: 127.0.0.1, port: 1 }
faults:
  - { type: kill, node: toxi }
objectives: { recover: 10s }
`;

async function load(text: string): Promise<unknown> {
  const dir = await scenarioDir({ 'drill.yaml': text });
  return loadScenario(join(dir, 'drill.yaml'), { env: {} }).then(
    () => 'valid',
    (error: unknown) => error,
  );
}

describe('start order at validate', () => {
  it('accepts toxiproxy.url naming a node (Toxiproxy run as a node)', async () => {
    expect(await load(drill('toxiproxy-server -port ${port.api}'))).toBe('valid');
  });

  it('refuses a cycle, located at toxiproxy.url, with the way out', async () => {
    const error = await load(drill('toxiproxy-server -port ${port.api} # ${links.db.port}'));
    expect(error).toBeInstanceOf(ScenarioError);
    const [problem] = (error as ScenarioError).problems;
    expect(problem).toMatchObject({
      line: 12,
      path: 'toxiproxy.url',
      message: expect.stringContaining('start order has a cycle: toxiproxy.url names node "toxi"'),
      hint: expect.stringContaining('drop toxiproxy.url'),
    });
  });

  it('still refuses a toxiproxy.url that is no URL', async () => {
    const error = await load(drill('x').replace("'http://127.0.0.1:${nodes.toxi.port.api}'", 'toxi:8474'));
    expect((error as ScenarioError).problems[0]).toMatchObject({
      path: 'toxiproxy.url',
      message: expect.stringContaining('expected the URL of a Toxiproxy API'),
    });
  });
});
