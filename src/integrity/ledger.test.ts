import { describe, expect, it } from 'vitest';
import { SystemClock, type Clock } from '../common/clock.js';
import { FakeClock } from '../common/fake-clock.js';
import type { LedgerDriver } from './ledger-driver.js';
import { LedgerWriter, type LedgerWrite } from './ledger-writer.js';
import { readBack, summarize } from './read-back.js';

/**
 * A store that acknowledges writes, with knobs to lose, delay or refuse some; its delays run on
 * `clock` (a fake clock: the figures are the writer's maths, not this machine's scheduling).
 */
function memoryDriver(
  knobs: { slow?: (seq: number) => number; refuse?: (seq: number) => boolean; clock?: Clock } = {},
) {
  const stored = new Set<string>();
  const clock = knobs.clock ?? new SystemClock();
  const driver: LedgerDriver = {
    async write(id, signal) {
      const seq = Number(id.split('-').pop());
      if (knobs.refuse?.(seq)) throw new Error("READONLY You can't write against a read only replica");
      const delay = knobs.slow?.(seq) ?? 0;
      // The write lands after `delay` even when nobody waits for the answer any more.
      void clock.sleep(delay).then(() => stored.add(id));
      await clock.sleep(delay + 1, signal);
    },
    async present() {
      return stored;
    },
  };
  return { driver, stored };
}

describe('LedgerWriter', () => {
  it('writes numbered ids at a fixed rate and records each acknowledgement time', async () => {
    const clock = new FakeClock();
    const { driver } = memoryDriver({
      clock,
      slow: (seq) => (seq === 3 ? 300 : 0),
      refuse: (seq) => seq === 5,
    });
    const writer = new LedgerWriter(driver, {
      clock,
      ratePerSecond: 50,
      writeTimeoutMs: 100,
      prefix: 'run1',
    });
    writer.start();
    await new Promise((resolve) => setImmediate(resolve));
    // Time moves a millisecond at a time, as it does for the writer's timers.
    for (let t = 0; t < 290; t++) await clock.advance(1);
    const stopped = writer.stop();
    for (let t = 0; t < 500; t++) await clock.advance(1);
    const writes = await stopped;
    expect(writes.map((w) => w.id).slice(0, 5)).toEqual(['run1-1', 'run1-2', 'run1-3', 'run1-4', 'run1-5']);
    // Slots at 0, 20, ... 280 ms: 15 writes.
    expect(writes).toHaveLength(15);
    // 20ms apart, whatever the slow write 3 took.
    expect(writes.map((w) => w.sentAt).slice(0, 5)).toEqual([0, 20, 40, 60, 80]);
    const [w1, , w3, , w5] = writes;
    expect(w1!.ackedAt! - w1!.sentAt).toBe(1);
    expect(w3).toMatchObject({ error: 'no acknowledgement within 100ms', failedAt: 140 });
    expect(w3!.ackedAt).toBeUndefined();
    expect(w5).toMatchObject({ error: "READONLY You can't write against a read only replica" });
  });
});

describe('read-back and the set check', () => {
  const write = (seq: number, ackedAt?: number): LedgerWrite => ({
    id: `r-${seq}`,
    seq,
    sentAt: seq * 50,
    ...(ackedAt !== undefined && { ackedAt }),
  });

  it('lost = acknowledged but missing; recovered = unacknowledged but present', () => {
    const writes = [write(1, 51), write(2, 101), write(3, 151), write(4), write(5)];
    expect(summarize(writes, new Set(['r-1', 'r-4', 'other-run-9']))).toEqual({
      attempted: 5,
      acknowledged: 3,
      lost: [
        { id: 'r-2', ackedAt: 101 },
        { id: 'r-3', ackedAt: 151 },
      ],
      recovered: 1,
    });
    expect(summarize(writes, new Set(['r-1', 'r-2', 'r-3'])).lost).toEqual([]);
  });

  it('retries a refused read until the system answers, within the timeout', async () => {
    const clock = new SystemClock();
    let calls = 0;
    const driver: LedgerDriver = {
      write: async () => undefined,
      async present() {
        if (++calls < 3) throw new Error('LOADING Redis is loading the dataset in memory');
        return ['r-1'];
      },
    };
    const signal = new AbortController().signal;
    const outcome = await readBack(driver, ['r-1'], { clock, timeoutMs: 5000, signal, retryMs: 50 });
    expect(outcome).toMatchObject({ ok: true, attempts: 3, present: new Set(['r-1']) });

    calls = -100;
    const failed = await readBack(driver, ['r-1'], { clock, timeoutMs: 200, signal, retryMs: 50 });
    expect(failed).toMatchObject({ ok: false, error: 'LOADING Redis is loading the dataset in memory' });
    expect(failed.attempts).toBeGreaterThanOrEqual(3);
    expect(failed.tookMs).toBeLessThan(400);
  });
});
