import { describe, expect, it } from 'vitest';
import {
  faultContextFor,
  httpServerNode,
  startsProcessTargets,
} from '../../test/fixtures/servers/fixture-target.js';
import { startInjector } from './start.js';
import { stopInjector } from './stop.js';

const startProcessTarget = startsProcessTargets();

describe('stop fault', () => {
  it('records node.start, stops gracefully and the supervisor leaves it down', async () => {
    const { target, clock } = await startProcessTarget({
      web: httpServerNode({ restart: { policy: 'always', delay: '50ms' } }),
    });
    const context = faultContextFor(target, clock);
    const web = target.node('web');
    const ref = web.ref() as { pid: number };
    const lines: string[] = [];
    web.onOutput((line) => lines.push(line));
    const fault = stopInjector.create(
      stopInjector.schema.parse({ type: 'stop', node: 'web', duration: '1s' }),
    );
    expect(await fault.prepare(context)).toEqual([
      { action: 'node.start', ref, description: 'start web again' },
    ]);
    expect((await fault.inject(context)).summary).toBe(`stopped web (pid ${ref.pid})`);
    expect(lines).toContain('SIGTERM received');
    await clock.sleep(200);
    expect(await web.isRunning()).toBe(false);

    const start = startInjector.create(startInjector.schema.parse({ type: 'start', node: 'web' }));
    expect(await start.prepare(context)).toEqual([]);
    expect((await start.inject(context)).summary).toMatch(/^started web \(pid \d+\)$/);
    expect(await web.isRunning()).toBe(true);
  });
});
