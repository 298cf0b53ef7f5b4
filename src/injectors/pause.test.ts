import { describe, expect, it } from 'vitest';
import {
  faultContextFor,
  httpServerNode,
  startsProcessTargets,
} from '../../test/fixtures/servers/fixture-target.js';
import { readProcStat } from '../targets/process/proc-stat.js';
import { signalProcessRef } from '../targets/process/process-signal.js';
import { pauseInjector } from './pause.js';

const startProcessTarget = startsProcessTargets();

const pause = (input: object) =>
  pauseInjector.create(pauseInjector.schema.parse({ type: 'pause', ...input }));

async function setup() {
  const { target, clock } = await startProcessTarget({ web: httpServerNode() });
  const ref = target.node('web').ref() as { kind: 'process'; node: string; pid: number; startTime: string };
  return { target, ref, context: faultContextFor(target, clock) };
}

describe('pause fault', () => {
  it('records node.resume first, then freezes the process group (state T)', async () => {
    const { ref, context } = await setup();
    const fault = pause({ node: 'web', duration: '5s' });
    const undo = await fault.prepare(context);
    expect(undo).toEqual([{ action: 'node.resume', ref, description: 'resume web' }]);
    expect((await readProcStat(ref.pid))?.state).not.toBe('T');
    expect((await fault.inject(context)).summary).toBe(`paused web (pid ${ref.pid})`);
    expect((await readProcStat(ref.pid))?.state).toBe('T');
  });

  it('is undone live through the node, or by cleanup through the recorded ref alone', async () => {
    const { target, ref, context } = await setup();
    const fault = pause({ node: 'web' });
    const [step] = await fault.prepare(context);
    if (step?.action !== 'node.resume' || step.ref.kind !== 'process')
      throw new Error('expected a node.resume step');
    await fault.inject(context);
    await target.node('web').resume();
    expect((await readProcStat(ref.pid))?.state).not.toBe('T');

    await pause({ node: 'web' }).inject(context);
    expect(await signalProcessRef(step.ref, 'SIGCONT')).toBe('signalled');
    await expect.poll(async () => (await readProcStat(ref.pid))?.state).not.toBe('T');
    expect(
      (await fetch(`http://127.0.0.1:${target.templateValues()['nodes.web.port.http']}/health`)).status,
    ).toBe(200);
  });

  it('describes itself for plans', () => {
    expect(pauseInjector.describe(pauseInjector.schema.parse({ type: 'pause', node: 'db' }))).toBe(
      'pause db until the drill ends',
    );
  });
});
