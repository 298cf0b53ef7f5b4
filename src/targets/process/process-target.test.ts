import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TargetError, TimeoutError } from '../../common/errors.js';
import {
  HTTP_SERVER,
  httpServerNode,
  startsProcessTargets,
} from '../../../test/fixtures/servers/fixture-target.js';
import { readProcStat } from './proc-stat.js';

const startProcessTarget = startsProcessTargets();

async function health(port: string | number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) })).status;
}

describe('process target', () => {
  it('starts nodes on auto ports, exposes them as template values and records each process', async () => {
    const { target, resources } = await startProcessTarget({ web: httpServerNode(), api: httpServerNode() });
    const values = target.templateValues();
    expect(values['nodes.web.host']).toBe('127.0.0.1');
    expect(values['nodes.web.port.http']).not.toBe(values['nodes.api.port.http']);
    expect(await health(values['nodes.web.port.http']!)).toBe(200);
    expect(await health(values['nodes.api.port.http']!)).toBe(200);
    const web = target.node('web').ref();
    expect(resources).toContainEqual(
      expect.objectContaining({ kind: 'process', pid: web.kind === 'process' && web.pid }),
    );
    for (const resource of resources) {
      if (resource.kind === 'process')
        expect((await readProcStat(resource.pid))?.startTime).toBe(resource.startTime);
    }
  });

  it('waits for ready: start takes at least the server startup delay', async () => {
    const startedAt = performance.now();
    const { target } = await startProcessTarget({
      web: httpServerNode({ env: { PORT: '${port.http}', STARTUP_DELAY_MS: '400' } }),
    });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(400);
    expect(await health(target.templateValues()['nodes.web.port.http']!)).toBe(200);
  });

  it('gives up after ready.timeout and leaves no process behind', async () => {
    const node = httpServerNode({
      env: { PORT: '${port.http}', STARTUP_DELAY_MS: '5000' },
      ready: { http: '/health', timeout: '300ms' },
    });
    const resources: { pid: number }[] = [];
    const start = startProcessTarget(
      { web: node },
      { recordResource: async (r) => void resources.push(r as { pid: number }) },
    );
    await expect(start).rejects.toThrow(TimeoutError);
    await expect(start).rejects.toThrow(
      /not ready after 300ms \(waiting for GET http:\/\/127\.0\.0\.1:\d+\/health/,
    );
    expect(resources).toHaveLength(1);
    expect(await readProcStat(resources[0]!.pid)).toBeUndefined();
  });

  it('reports a node that exits before it is ready, with its last output', async () => {
    const start = startProcessTarget({ web: httpServerNode({ env: {} }) });
    await expect(start).rejects.toThrow(TargetError);
    await expect(start).rejects.toThrow(/exited \(exit code 2\) before it was ready.*\n.*set PORT/);
  });

  it('refuses a fixed port that is already taken, with a hint', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startProcessTarget({ web: httpServerNode({ ports: { http: port } }) })).rejects.toThrow(
        `port ${port} (nodes.web.ports.http) is already in use on 127.0.0.1`,
      );
    } finally {
      blocker.close();
    }
  });

  it('runs a string command through /bin/sh with ${port.x} filled in, in cwd relative to the scenario', async () => {
    const { target } = await startProcessTarget({
      web: httpServerNode({
        command: `exec node ./${HTTP_SERVER.split('/').pop()} \${port.http}`,
        env: {},
        cwd: '.',
      }),
    });
    expect(await health(target.templateValues()['nodes.web.port.http']!)).toBe(200);
  });

  it('stops every node with SIGTERM and writes each node log to logDir', async () => {
    const logDir = mkdtempSync(join(tmpdir(), 'firedrill-logs-'));
    const { target } = await startProcessTarget({ web: httpServerNode() }, { logDir });
    const lines: string[] = [];
    target.node('web').onOutput((line) => lines.push(line));
    const ref = target.node('web').ref();
    await target.stop();
    expect(lines).toContain('SIGTERM received');
    expect(ref.kind === 'process' && (await readProcStat(ref.pid))).toBeFalsy();
    const log = readFileSync(join(logDir, 'web.log'), 'utf8');
    expect(log).toMatch(/stdout listening on 127\.0\.0\.1:\d+/);
    expect(log).toMatch(/firedrill: pid \d+ exited \(exit code 0\)/);
  });
});
