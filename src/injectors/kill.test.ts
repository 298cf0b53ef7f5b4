import { describe, expect, it } from 'vitest';
import { FaultNoEffectError } from '../common/errors.js';
import {
  faultContextFor,
  httpServerNode,
  startsProcessTargets,
} from '../../test/fixtures/servers/fixture-target.js';
import { readProcStat } from '../targets/process/proc-stat.js';
import { killInjector } from './kill.js';

const startProcessTarget = startsProcessTargets();

async function setup(names = ['web']) {
  const { target, clock } = await startProcessTarget(
    Object.fromEntries(names.map((n) => [n, httpServerNode()])),
  );
  return { target, context: faultContextFor(target, clock) };
}

const kill = (input: object) => killInjector.create(killInjector.schema.parse({ type: 'kill', ...input }));

describe('kill fault', () => {
  it('kills the node, verified, and says which pid it killed; no undo without duration', async () => {
    const { target, context } = await setup();
    const { pid } = target.node('web').ref() as { pid: number };
    const fault = kill({ node: 'web' });
    expect(await fault.prepare(context)).toEqual([]);
    const effect = await fault.inject(context);
    expect(effect.summary).toBe(`killed web (pid ${pid})`);
    expect(await readProcStat(pid)).toBeUndefined();
  });

  it('with a duration, records a node.start undo before acting', async () => {
    const { target, context } = await setup();
    const ref = target.node('web').ref();
    const undo = await kill({ node: 'web', duration: '5s' }).prepare(context);
    expect(undo).toEqual([{ action: 'node.start', ref, description: 'start web again if it is still down' }]);
    expect(await target.node('web').isRunning()).toBe(true);
  });

  it('kills several nodes together', async () => {
    const { target, context } = await setup(['a', 'b']);
    const effect = await kill({ nodes: ['a', 'b'] }).inject(context);
    expect(effect.summary).toMatch(/^killed a \(pid \d+\); killed b \(pid \d+\)$/);
    expect(await target.node('a').isRunning()).toBe(false);
    expect(await target.node('b').isRunning()).toBe(false);
  });

  it('fails as no-effect on a node that is already down', async () => {
    const { target, context } = await setup();
    await target.node('web').stop();
    await expect(kill({ node: 'web' }).inject(context)).rejects.toThrow(FaultNoEffectError);
  });

  it('describes itself for plans', () => {
    expect(
      killInjector.describe(killInjector.schema.parse({ type: 'kill', node: 'web', duration: '10s' })),
    ).toBe('kill web with SIGKILL; start it again after 10.0s if still down');
  });
});
