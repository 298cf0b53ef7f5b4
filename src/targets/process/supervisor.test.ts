import { describe, expect, it } from 'vitest';
import { httpServerNode, startsProcessTargets } from '../../../test/fixtures/servers/fixture-target.js';
import type { ProcessNode } from './process-node.js';
import type { StartedProcessTarget } from './process-target.js';
import type { LifecycleEvent } from './supervisor.js';

const startProcessTarget = startsProcessTargets();

/** Waits for the node's next `type` event; the default deadline is generous, for a busy machine. */
function nextEvent<T extends LifecycleEvent['type']>(node: ProcessNode, type: T, timeoutMs = 15_000) {
  return new Promise<Extract<LifecycleEvent, { type: T }>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs}ms`)), timeoutMs);
    const off = node.onLifecycle((event) => {
      if (event.type !== type) return;
      clearTimeout(timer);
      off();
      resolve(event as Extract<LifecycleEvent, { type: T }>);
    });
  });
}

async function pidOf(target: StartedProcessTarget, node = 'web'): Promise<number> {
  const port = target.templateValues()[`nodes.${node}.port.http`];
  const response = await fetch(`http://127.0.0.1:${port}/pid`, { signal: AbortSignal.timeout(1000) });
  return Number(await response.text());
}

async function start(restart: { policy: string; delay?: string }, env: Record<string, string> = {}) {
  const node = httpServerNode({ restart: restart as never, env: { PORT: '${port.http}', ...env } });
  const { target, clock } = await startProcessTarget({ web: node });
  return { target, clock, web: target.node('web') };
}

describe('supervisor', () => {
  it('restarts a killed process after the configured delay, on the same port', async () => {
    const { target, web } = await start({ policy: 'always', delay: '400ms' });
    const firstPid = await pidOf(target);
    const exited = nextEvent(web, 'exited');
    const scheduled = nextEvent(web, 'restart-scheduled');
    const spawned = nextEvent(web, 'spawned');
    await web.kill();
    // What is promised is "after `delay`": scheduled at the exit with that delay, and never sooner.
    // How much later depends on how busy the machine is (a late timer, a slow spawn), so there is
    // no upper bound to check here.
    const exitAt = (await exited).exit.at;
    expect(await scheduled).toMatchObject({ delayMs: 400 });
    expect((await scheduled).at).toBeGreaterThanOrEqual(exitAt);
    expect((await spawned).at - (await scheduled).at).toBeGreaterThanOrEqual(400);
    await expect
      .poll(() => pidOf(target).catch(() => 0), { timeout: 15_000, interval: 50 })
      .toBeGreaterThan(0);
    expect(await pidOf(target)).not.toBe(firstPid);
    expect(await web.isRunning()).toBe(true);
  });

  it('on-failure: restarts after a crash (exit 1), not after a clean exit (exit 0)', async () => {
    const crashing = await start(
      { policy: 'on-failure', delay: '100ms' },
      { EXIT_AFTER_MS: '300', EXIT_CODE: '1' },
    );
    const crash = await nextEvent(crashing.web, 'exited');
    expect(crash.exit.code).toBe(1);
    const respawn = await nextEvent(crashing.web, 'spawned');
    expect(respawn.pid).not.toBe(crash.pid);
    await crashing.target.stop();

    const clean = await start(
      { policy: 'on-failure', delay: '100ms' },
      { EXIT_AFTER_MS: '300', EXIT_CODE: '0' },
    );
    const exit = await nextEvent(clean.web, 'exited');
    expect(exit.exit.code).toBe(0);
    await expect(nextEvent(clean.web, 'spawned', 500)).rejects.toThrow(/no spawned event/);
    expect(await clean.web.isRunning()).toBe(false);
  });

  it('never: a killed process stays down', async () => {
    const { web } = await start({ policy: 'never' });
    await web.kill();
    await expect(nextEvent(web, 'spawned', 300)).rejects.toThrow(/no spawned event/);
    expect(await web.isRunning()).toBe(false);
  });

  it('does not restart after a deliberate stop until start is called', async () => {
    const { target, web } = await start({ policy: 'always', delay: '50ms' });
    await web.stop();
    await expect(nextEvent(web, 'spawned', 300)).rejects.toThrow(/no spawned event/);
    expect(await web.isRunning()).toBe(false);
    await web.start();
    expect(await web.isRunning()).toBe(true);
    expect(await pidOf(target)).toBeGreaterThan(0);
  });

  it('a deliberate restart replaces the process at once, without the restart delay', async () => {
    const { target, web } = await start({ policy: 'always', delay: '5s' });
    const before = await pidOf(target);
    const startedAt = performance.now();
    await web.restart();
    expect(performance.now() - startedAt).toBeLessThan(3000);
    expect(await pidOf(target)).not.toBe(before);
  });

  it('cancels a pending restart when the target stops', async () => {
    const { target, web } = await start({ policy: 'always', delay: '300ms' });
    await web.kill();
    await target.stop();
    await expect(nextEvent(web, 'spawned', 500)).rejects.toThrow(/no spawned event/);
  });
});
