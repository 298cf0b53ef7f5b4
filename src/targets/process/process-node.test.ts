import { describe, expect, it } from 'vitest';
import { FaultNoEffectError, TimeoutError } from '../../common/errors.js';
import {
  FIXTURE_DIR,
  httpServerNode,
  startsProcessTargets,
} from '../../../test/fixtures/servers/fixture-target.js';
import { readProcStat } from './proc-stat.js';

const startProcessTarget = startsProcessTargets();

async function startWeb(restart?: { policy: 'always' | 'never'; delay?: string }) {
  const { target } = await startProcessTarget({ web: httpServerNode(restart ? { restart } : {}) });
  const web = target.node('web');
  const ref = web.ref();
  if (ref.kind !== 'process') throw new Error('expected a process ref');
  return { target, web, ref, url: `http://127.0.0.1:${target.templateValues()['nodes.web.port.http']}` };
}

async function answers(url: string, timeoutMs = 300): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) })).ok;
  } catch {
    return false;
  }
}

describe('process node', () => {
  it('kill: SIGKILL, verified gone from /proc', async () => {
    const { web, ref, url } = await startWeb();
    expect(ref.startTime).toBe((await readProcStat(ref.pid))?.startTime);
    await web.kill();
    expect(await readProcStat(ref.pid)).toBeUndefined();
    expect(await web.isRunning()).toBe(false);
    expect(await answers(url)).toBe(false);
  });

  it('kill on a node that is not running fails as a fault without effect', async () => {
    const { web } = await startWeb();
    await web.kill();
    await expect(web.kill()).rejects.toThrow(FaultNoEffectError);
    await expect(web.kill()).rejects.toThrow(
      /cannot kill node web: it is not running \(its last process exited \(signal SIGKILL\)\)/,
    );
  });

  it('pause: /proc state T and no answers; resume: running and answering again', async () => {
    const { web, ref, url } = await startWeb();
    await web.pause();
    expect((await readProcStat(ref.pid))?.state).toBe('T');
    expect(await web.isPaused()).toBe(true);
    expect(await answers(url)).toBe(false);
    await web.resume();
    expect((await readProcStat(ref.pid))?.state).not.toBe('T');
    expect(await answers(url, 1000)).toBe(true);
    expect(await web.isRunning()).toBe(true);
  });

  it('a paused node still handles SIGTERM when stopped', async () => {
    const { web } = await startWeb();
    const lines: string[] = [];
    web.onOutput((line) => lines.push(line));
    await web.pause();
    const startedAt = performance.now();
    await web.stop();
    expect(lines).toContain('SIGTERM received');
    expect(performance.now() - startedAt).toBeLessThan(1500);
  });

  it('stop then start: a new process, answering on the same port', async () => {
    const { web, ref, url } = await startWeb({ policy: 'always', delay: '50ms' });
    await web.stop();
    expect(await answers(url)).toBe(false);
    await web.start();
    const again = web.ref();
    expect(again.kind === 'process' && again.pid).not.toBe(ref.pid);
    expect(await answers(url)).toBe(true);
  });

  it('onOutput: lines of every incarnation, stamped with the clock', async () => {
    const { web } = await startWeb();
    const seen: { line: string; at: number }[] = [];
    web.onOutput((line, at) => seen.push({ line, at }));
    await web.restart();
    const listening = seen.find((s) => s.line.startsWith('listening on 127.0.0.1:'));
    expect(listening?.at).toBeGreaterThan(0);
    expect(seen.map((s) => s.line)).toContain('SIGTERM received');
  });

  it('exec: runs on the host in the node cwd and environment, with a timeout', async () => {
    const { web, target } = await startWeb();
    const result = await web.exec(['/bin/sh', '-c', 'pwd; echo "port=$PORT"; echo oops >&2; exit 3']);
    expect(result).toEqual({
      exitCode: 3,
      stdout: `${FIXTURE_DIR.replace(/\/$/, '')}\nport=${target.templateValues()['nodes.web.port.http']}\n`,
      stderr: 'oops\n',
    });
    const startedAt = performance.now();
    await expect(web.exec(['/bin/sh', '-c', 'sleep 5'], { timeoutMs: 200 })).rejects.toThrow(TimeoutError);
    expect(performance.now() - startedAt).toBeLessThan(1000);
  });
});
