import { describe, expect, it } from 'vitest';
import { processTargetSchema } from './process-schema.js';

function problems(nodes: unknown): string[] {
  const result = processTargetSchema.safeParse({ type: 'process', nodes });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('process target schema', () => {
  it('fills defaults: never restart, 1s delay, 30s ready timeout, 5s stop timeout', () => {
    const config = processTargetSchema.parse({
      type: 'process',
      nodes: {
        web: { command: 'node s.mjs', ports: { http: 'auto' }, ready: { tcp: 'http' }, env: { N: 3 } },
      },
    });
    expect(config.nodes.web).toMatchObject({
      restart: { policy: 'never', delay: 1000 },
      ready: { tcp: 'http', timeout: 30_000 },
      stop_timeout: 5000,
      env: { N: '3' },
    });
  });

  it('parses restart delays and policies', () => {
    const config = processTargetSchema.parse({
      type: 'process',
      nodes: { web: { command: ['node', 's.mjs'], restart: { policy: 'always', delay: '750ms' } } },
    });
    expect(config.nodes.web?.restart).toEqual({ policy: 'always', delay: 750 });
  });

  it('rejects a malformed restart delay, naming the field', () => {
    expect(problems({ web: { command: 'x', restart: { delay: 'abc' } } })).toEqual([
      'nodes.web.restart.delay: expected a duration such as 250ms, 5s or 2m (0s to 24h), found "abc"',
    ]);
  });

  it('rejects unknown keys', () => {
    expect(problems({ web: { command: 'x', comand: 'y' } })[0]).toMatch(/comand/);
    expect(problems({ web: { command: 'x', restart: { policy: 'always', dealy: '1s' } } })[0]).toMatch(
      /dealy/,
    );
  });

  it('rejects bad ports, policies, empty node sets and dotted names', () => {
    expect(problems({ web: { command: 'x', ports: { http: 70000 } } })[0]).toMatch(
      /nodes\.web\.ports\.http: expected a port/,
    );
    expect(problems({ web: { command: 'x', restart: { policy: 'sometimes' } } })[0]).toMatch(
      /restart\.policy/,
    );
    expect(problems({})[0]).toMatch(/at least one node/);
    expect(problems({ 'a.b': { command: 'x' } })[0]).toMatch(/no dots/);
  });

  it('checks that ready and templates name declared ports', () => {
    expect(problems({ web: { command: 'x', ports: { http: 'auto' }, ready: { tcp: 'htp' } } })).toEqual([
      'nodes.web.ready.tcp: unknown port "htp" (ports: http)',
    ]);
    expect(problems({ web: { command: 'x', ports: { a: 1, b: 2 }, ready: { http: '/health' } } })[0]).toMatch(
      /ready\.port: ready\.http needs `port: <name>`/,
    );
    expect(problems({ web: { command: 'serve ${port.htp}', ports: { http: 'auto' } } })).toEqual([
      'nodes.web.command: ${port.htp}: no such port on this node (ports: http)',
    ]);
    expect(problems({ web: { command: 'x', env: { UP: '${nodes.db.port.pg}' } } })[0]).toMatch(
      /no node "db"/,
    );
    expect(problems({ web: { command: 'x', env: { HOME_DIR: '${env.HOME}' } } })).toEqual([]);
  });
});
