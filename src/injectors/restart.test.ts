import { describe, expect, it } from 'vitest';
import {
  faultContextFor,
  httpServerNode,
  startsProcessTargets,
} from '../../test/fixtures/servers/fixture-target.js';
import { restartInjector } from './restart.js';

const startProcessTarget = startsProcessTargets();

describe('restart fault', () => {
  it('replaces the process, waits until it is ready, and names both pids', async () => {
    const { target, clock } = await startProcessTarget({ web: httpServerNode() });
    const context = faultContextFor(target, clock);
    const before = (target.node('web').ref() as { pid: number }).pid;
    const fault = restartInjector.create(restartInjector.schema.parse({ type: 'restart', node: 'web' }));
    expect(await fault.prepare(context)).toEqual([]);
    const { summary } = await fault.inject(context);
    const after = (target.node('web').ref() as { pid: number }).pid;
    expect(after).not.toBe(before);
    expect(summary).toBe(`restarted web (pid ${before} → pid ${after})`);
    const port = target.templateValues()['nodes.web.port.http'];
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });

  it('rejects a duration', () => {
    expect(restartInjector.schema.safeParse({ type: 'restart', node: 'web', duration: '1s' }).success).toBe(
      false,
    );
  });
});
