import type { Clock } from '../../common/clock.js';
import { createLogger } from '../../common/logger.js';
import type { MeasureScope } from '../measure-scope.js';
import { ProbeSet } from '../probe-set.js';
import { RequestStore } from '../request-store.js';

/**
 * A ProbeSet and a RequestStore on a settable fake clock, with small retain/fold thresholds so
 * that pruning and folding happen within a test's few thousand observations.
 */
export function fakeWatch(probes: ConstructorParameters<typeof ProbeSet>[0], scope: MeasureScope) {
  const clock = { t: 0, now: () => clock.t };
  const set = new ProbeSet(probes, {
    clock: clock as unknown as Clock,
    logger: createLogger({ level: 'silent' }),
    context: {} as never,
    signal: new AbortController().signal,
    onSample: () => undefined,
    scope,
    retainAbove: 40,
    foldAbove: 25,
  });
  const store = new RequestStore(scope, clock, {}, { retainAbove: 40, foldAbove: 25 });
  set.beginIteration(0, 0);
  return { clock, set, store };
}
