import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { faultContextFor, startsProcessTargets } from '../../test/fixtures/servers/fixture-target.js';
import { FaultNoEffectError } from '../common/errors.js';
import { killInjector } from './kill.js';
import { describeSelection, selectNodes } from './node-selection.js';
import { nodeValues } from './role-check.js';

const startProcessTarget = startsProcessTargets();
const ROLE_SERVER = fileURLToPath(new URL('../../test/fixtures/servers/role-server.mjs', import.meta.url));

/** Three nodes answering /status with the role each claims. */
function roleNodes(roles: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(roles).map(([name, role]) => [
      name,
      {
        command: ['node', ROLE_SERVER],
        env: { PORT: '${port.http}', ROLE: role, NODE_ID: name },
        ports: { http: 'auto' as const },
        ready: { http: '/health', timeout: '10s' },
        stop_timeout: '1s',
      },
    ]),
  );
}

const leaderByHttp = {
  name: 'leader',
  http: 'http://${node.host}:${node.port.http}/status',
  json_path: '$.role',
  equals: 'leader',
};

function issues(select: object): string[] {
  const result = killInjector.schema.safeParse({ type: 'kill', select });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('select: {role}', () => {
  it('validates the role query', () => {
    expect(issues({ role: leaderByHttp })).toEqual([]);
    expect(issues({ role: { exec: 'test -f /leader' } })).toEqual([]);
    expect(issues({ role: { name: 'leader' } })).toEqual([
      'select.role: give one of http or exec: how each node is asked',
    ]);
    expect(issues({ role: { ...leaderByHttp, exec: 'true' } })).toEqual([
      'select.role: give one of http or exec: how each node is asked',
    ]);
    expect(issues({ role: { exec: 'true', json_path: '$.role' } })).toEqual([
      'select.role.json_path: json_path goes with http',
    ]);
    expect(issues({ role: { http: 'http://${node.host}/s', equals: 'leader' } })).toEqual([
      'select.role.equals: equals needs json_path: which value to compare',
    ]);
    expect(issues({ role: { http: 'http://${node.hots}:1/status' } })).toEqual([
      'select.role.http: unknown template value ${node.hots}: use ${node.host}, ${node.port.<port>}, ${node.alias} or ${node.name}',
    ]);
    expect(issues({ role: { http: 'http://x/s', json_path: 'role' } })[0]).toMatch(
      /^select.role.json_path: /,
    );
  });

  it('describes itself for plans', () => {
    expect(describeSelection({ select: { role: { ...leaderByHttp, timeout: 2000 } } })).toBe(
      'the node holding leader',
    );
  });

  it('picks the node whose /status says leader, asking each node at its own address', async () => {
    const { target, clock } = await startProcessTarget(
      roleNodes({ a: 'follower', b: 'leader', c: 'follower' }),
    );
    const config = killInjector.schema.parse({ type: 'kill', select: { role: leaderByHttp } });
    const selected = await selectNodes(config, faultContextFor(target, clock));
    expect(selected.nodes.map((n) => n.name)).toEqual(['b']);
    expect(selected.answers).toEqual([
      { node: 'a', holds: false, said: 'HTTP 200, $.role is follower, expected "leader"' },
      { node: 'b', holds: true, said: 'HTTP 200' },
      { node: 'c', holds: false, said: 'HTTP 200, $.role is follower, expected "leader"' },
    ]);
  });

  it('by exec in each node; `from` narrows the candidates', async () => {
    const { target, clock } = await startProcessTarget(
      roleNodes({ a: 'leader', b: 'leader', c: 'follower' }),
    );
    const config = killInjector.schema.parse({
      type: 'kill',
      select: { from: ['b', 'c'], role: { name: 'leader', exec: 'test "$ROLE" = leader' } },
    });
    const selected = await selectNodes(config, faultContextFor(target, clock));
    expect(selected.nodes.map((n) => n.name)).toEqual(['b']);
  });

  it('no node holds the role: the fault fails, naming what each node answered', async () => {
    const { target, clock } = await startProcessTarget(roleNodes({ a: 'follower', b: 'none' }));
    const config = killInjector.schema.parse({ type: 'kill', select: { role: leaderByHttp } });
    const error = await selectNodes(config, faultContextFor(target, clock)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaultNoEffectError);
    expect((error as Error).message).toBe(
      'no node holds leader right now (a: HTTP 200, $.role is follower, expected "leader"; b: HTTP 200, $.role is none, expected "leader")',
    );
  });

  it("a node's template values: nodes.<name>.* as node.*", () => {
    expect(
      nodeValues({ 'nodes.a.host': '127.0.0.1', 'nodes.a.port.http': '4000', 'nodes.b.host': 'x' }, 'a'),
    ).toEqual({ 'node.host': '127.0.0.1', 'node.port.http': '4000', 'node.name': 'a' });
  });
});
