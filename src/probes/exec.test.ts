import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../common/clock.js';
import { silentLogger } from '../common/logger.js';
import {
  FIXTURE_DIR,
  httpServerNode,
  startProcessTarget,
} from '../../test/fixtures/servers/fixture-target.js';
import type { StartedProcessTarget } from '../targets/process/process-target.js';
import { execProbe } from './exec.js';

let target: StartedProcessTarget;
beforeAll(async () => {
  ({ target } = await startProcessTarget({ web: httpServerNode() }));
});
afterAll(() => target.stop());

function create(input: Record<string, unknown>) {
  const config = execProbe.schema.parse({ type: 'exec', name: 'p', role: 'steady', ...input });
  return execProbe.create(config, {
    target,
    clock: new SystemClock(),
    logger: silentLogger,
    baseDir: FIXTURE_DIR,
  });
}
const check = (input: Record<string, unknown>) => create(input).check(new AbortController().signal);

describe('exec probe', () => {
  it('passes on exit 0 by default, on the host, in the scenario directory', async () => {
    const outcome = await check({ command: 'test -f http-server.mjs' });
    expect(outcome).toMatchObject({ ok: true, detail: 'exit 0' });
    expect(outcome.value).toBeGreaterThan(0);
  });

  it('fails on another exit code, quoting what the command said', async () => {
    expect(await check({ command: 'echo "replica lag 30s" >&2; exit 3' })).toMatchObject({
      ok: false,
      detail: 'exit 3: replica lag 30s',
    });
    expect(await check({ command: ['/bin/sh', '-c', 'exit 3'], exit_code: 3 })).toMatchObject({ ok: true });
  });

  it('checks the output against stdout_matches', async () => {
    expect(
      await check({ command: 'echo role:master', stdout_matches: 'role:(master|primary)' }),
    ).toMatchObject({ ok: true });
    expect(await check({ command: 'echo role:replica', stdout_matches: 'role:master' })).toMatchObject({
      ok: false,
      detail: 'output did not match /role:master/: role:replica',
    });
  });

  it("runs through a node's exec, in that node's environment", async () => {
    const port = target.templateValues()['nodes.web.port.http'];
    expect(
      await check({
        node: 'web',
        command: 'curl -sf "http://127.0.0.1:$PORT/health" || wget -qO- "http://127.0.0.1:$PORT/health"',
        stdout_matches: '^ok',
      }),
    ).toMatchObject({ ok: true });
    expect(await check({ node: 'web', command: 'echo $PORT', stdout_matches: `^${port}$` })).toMatchObject({
      ok: true,
    });
  });

  it('times out promptly and leaves nothing running', async () => {
    const startedAt = performance.now();
    expect(await check({ command: 'sleep 7.5', timeout: '200ms' })).toEqual({
      ok: false,
      detail: 'timeout after 200ms',
    });
    expect(performance.now() - startedAt).toBeLessThan(800);
    const { execSync } = await import('node:child_process');
    expect(execSync('ps -eo args').toString()).not.toMatch(/^sleep 7\.5$/m);
  });

  it('refuses an unknown node when created', () => {
    expect(() => create({ node: 'db', command: 'true' })).toThrow('no node "db"');
  });
});
