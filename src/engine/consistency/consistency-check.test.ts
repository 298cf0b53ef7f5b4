import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../common/fake-clock.js';
import type { ConsistencyMeasurement } from '../../result/consistency.js';
import { ConsistencyCheck } from './consistency-check.js';
import type { ConsistencyConfig } from './consistency-schema.js';
import type { Round } from './converge.js';

type States = Record<string, string | undefined>;

/**
 * A cluster whose replicas hold `states` (undefined: unreadable), changed by the test as time goes,
 * or the states `at(now)` returns.
 */
function setUp(config: Partial<ConsistencyConfig>, states: States, at?: (now: number) => States) {
  const clock = new FakeClock();
  const events: Array<[string, Record<string, unknown>]> = [];
  const reads = {
    async round(signal: AbortSignal): Promise<Round> {
      await clock.sleep(10, signal);
      return Object.fromEntries(
        Object.entries(at ? at(clock.now()) : states).map(([node, text]) => [
          node,
          text === undefined ? { ok: false, error: 'connect ECONNREFUSED' } : { ok: true, text },
        ]),
      );
    },
  };
  const full = { agree: true, unchanged: false, within: 2000, interval: 250, timeout: 1000, ...config };
  const check = new ConsistencyCheck(full as ConsistencyConfig, {
    reads,
    clock,
    journal: { record: (type, fields = {}) => (events.push([type, fields]), { t: 0, time: '', type }) },
  });
  const run = async (phase: Promise<void>): Promise<void> => {
    let done = false;
    void phase.finally(() => (done = true));
    while (!done) await clock.advance(50);
    await phase;
  };
  return { check, clock, events, run, signal: new AbortController().signal };
}

describe('a consistency check over one iteration', () => {
  it('passes once the replicas agree after recovery, with how long they took', async () => {
    // Before the fault (the first 100ms) all hold a; then n3 lags until 700ms.
    const at = (now: number): States => ({ n1: 'a', n2: 'a', n3: now < 100 || now >= 700 ? 'a' : 'b' });
    const { check, clock, run, signal } = setUp({}, {}, at);
    await run(check.before(signal));
    await clock.advance(100 - clock.now());
    await run(check.after(signal));
    // Rounds at 100, 350, 600 (n3 still b when read at 610), 850.
    expect(check.measurement()).toMatchObject({
      status: 'consistent',
      ms: 750,
      resolutionMs: 250,
      rounds: 4,
    });
  });

  it('fails naming a replica left diverged, and journals what each node held', async () => {
    const states: States = { n1: 'x', n2: 'x', n3: 'x' };
    const { check, run, events, signal } = setUp({ within: 1000 }, states);
    await run(check.before(signal));
    states.n3 = 'drifted';
    await run(check.after(signal));
    const m = check.measurement() as Extract<ConsistencyMeasurement, { status: 'inconsistent' }>;
    expect(m.status).toBe('inconsistent');
    expect(m.divergent).toEqual({ n3: 'drifted' });
    expect(m.reason).toMatch(/^after 1\.01s \(5 rounds of reads\): n3 differs: n1, n2 → x; n3 → drifted$/);
    expect(m.before.n3).toMatchObject({ value: 'x' });
    expect(events.map(([type]) => type)).toEqual(['consistency.before', 'consistency.inconsistent']);
  });

  it('with unchanged: fails when every replica agrees on a state other than the one before', async () => {
    const states: States = { n1: '4096', n2: '4096' };
    const { check, run, signal } = setUp({ unchanged: true, within: 500 }, states);
    await run(check.before(signal));
    states.n1 = states.n2 = '1';
    await run(check.after(signal));
    expect(check.measurement()).toMatchObject({
      status: 'inconsistent',
      divergent: { n1: '1', n2: '1' },
      reason: expect.stringContaining('n1 changed: was 4096, now 1'),
    });
  });

  it('with unchanged: is not measured when a replica could not be read before the fault', async () => {
    const states: States = { n1: '4096', n2: undefined };
    const { check, run, signal } = setUp({ unchanged: true, within: 500 }, states);
    await run(check.before(signal));
    await run(check.after(signal));
    expect(check.measurement()).toEqual(
      expect.objectContaining({
        status: 'not-measured',
        reason: 'the state before the fault could not be read: n2: connect ECONNREFUSED',
      }),
    );
  });

  it('is not measured when the run ends before the read after recovery', async () => {
    const { check, run, signal } = setUp({}, { n1: 'a' });
    expect(check.measurement()).toEqual({
      status: 'not-measured',
      reason: 'the run ended before the state was read',
    });
    await run(check.before(signal));
    expect(check.measurement()).toMatchObject({
      status: 'not-measured',
      reason: 'the run ended before the state was read after recovery',
      before: { n1: { value: 'a' } },
    });
  });
});
