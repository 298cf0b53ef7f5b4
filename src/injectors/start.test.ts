import { describe, expect, it } from 'vitest';
import { FaultNoEffectError } from '../common/errors.js';
import {
  faultContextFor,
  httpServerNode,
  startsProcessTargets,
} from '../../test/fixtures/servers/fixture-target.js';
import { startInjector } from './start.js';

const startProcessTarget = startsProcessTargets();

describe('start fault', () => {
  it('fails as no-effect on a node that already runs', async () => {
    const { target, clock } = await startProcessTarget({ web: httpServerNode() });
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
