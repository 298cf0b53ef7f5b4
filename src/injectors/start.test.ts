import { afterEach, describe, expect, it } from 'vitest';
import { FaultNoEffectError } from '../common/errors.js';
import {
  faultContextFor,
  httpServerNode,
  startProcessTarget,
} from '../../test/fixtures/servers/fixture-target.js';
import type { StartedProcessTarget } from '../targets/process/process-target.js';
import { startInjector } from './start.js';

let running: StartedProcessTarget | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('start fault', () => {
  it('fails as no-effect on a node that already runs', async () => {
    const { target, clock } = await startProcessTarget({ web: httpServerNode() });
    running = target;
    const fault = startInjector.create(startInjector.schema.parse({ type: 'start', node: 'web' }));
    await expect(fault.inject(faultContextFor(target, clock))).rejects.toThrow(FaultNoEffectError);
    await expect(fault.inject(faultContextFor(target, clock))).rejects.toThrow(
      'cannot start node web: it is already running',
    );
  });

  it('rejects a duration: there is nothing to revert', () => {
    const result = startInjector.schema.safeParse({ type: 'start', node: 'web', duration: '5s' });
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'duration: a start fault happens once and has nothing to revert: remove duration',
    ]);
  });
});
