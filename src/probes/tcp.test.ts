import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../common/clock.js';
import { silentLogger } from '../common/logger.js';
import { httpServerNode, startProcessTarget } from '../../test/fixtures/servers/fixture-target.js';
import { freePorts } from '../targets/process/free-port.js';
import type { StartedProcessTarget } from '../targets/process/process-target.js';
import { tcpProbe } from './tcp.js';

let target: StartedProcessTarget;
let port: string;
beforeAll(async () => {
  ({ target } = await startProcessTarget({ web: httpServerNode() }));
  port = target.templateValues()['nodes.web.port.http']!;
});
afterAll(() => target.stop());

function check(input: Record<string, unknown>) {
  const config = tcpProbe.schema.parse({ type: 'tcp', name: 'p', role: 'steady', ...input });
  const probe = tcpProbe.create(config, {
    target,
    clock: new SystemClock(),
    logger: silentLogger,
    baseDir: '.',
  });
  return probe.check(new AbortController().signal);
}

describe('tcp probe', () => {
  it('passes when the port accepts, with the connect latency as value (port given as resolved template text)', async () => {
    const outcome = await check({ port });
    expect(outcome).toMatchObject({ ok: true, detail: 'connected' });
    expect(outcome.value).toBeGreaterThanOrEqual(0);
  });

  it('fails with the reason when nothing listens', async () => {
    const [free] = await freePorts(1);
    expect(await check({ port: free })).toEqual({
      ok: false,
      detail: `connect ECONNREFUSED 127.0.0.1:${free}`,
    });
  });

  it('times out when the server cannot take the connection (accept queue full)', async () => {
    const [busy = 0] = await freePorts(1);
    // A server with a backlog of 1 that is frozen at once: the kernel completes two handshakes, then drops SYNs.
    const frozen: ChildProcess = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen({ port: ${busy}, host: '127.0.0.1', backlog: 1 }, () => process.kill(process.pid, 'SIGSTOP'))`,
    ]);
    const fillers: Socket[] = [];
    try {
      await expect
        .poll(async () => (await check({ port: busy, timeout: '200ms' })).ok, { timeout: 3000 })
        .toBe(true);
      for (let i = 0; i < 4; i++)
        fillers.push(connect({ port: busy, host: '127.0.0.1' }).on('error', () => undefined));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const startedAt = performance.now();
      expect(await check({ port: busy, timeout: '300ms' })).toEqual({
        ok: false,
        detail: 'timeout after 300ms',
      });
      expect(performance.now() - startedAt).toBeLessThan(800);
    } finally {
      for (const socket of fillers) socket.destroy();
      frozen.kill('SIGKILL');
    }
  });

  it('validates the port', () => {
    const parse = (p: unknown) =>
      tcpProbe.schema.safeParse({ type: 'tcp', name: 'p', role: 'steady', port: p });
    expect(parse('${nodes.web.port.http}').success).toBe(true);
    expect(parse(8080).success).toBe(true);
    expect(parse('http').success).toBe(false);
    expect(parse(70000).success).toBe(false);
    const config = tcpProbe.schema.parse({
      type: 'tcp',
      name: 'db',
      role: 'steady',
      port: '${nodes.db.port.x}',
    });
    expect(() =>
      tcpProbe.create(config, { target, clock: new SystemClock(), logger: silentLogger, baseDir: '.' }),
    ).toThrow('probe db: port: "${nodes.db.port.x}" is not a port number (1-65535)');
  });
});
