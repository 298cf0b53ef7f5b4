import { describe, expect, it } from 'vitest';
import { SystemClock } from '../common/clock.js';
import type { LedgerDriver } from './ledger-driver.js';
import { LedgerWriter, type LedgerWrite } from './ledger-writer.js';
import { readBack, summarize } from './read-back.js';

/** A store that acknowledges writes, with knobs to lose, delay or refuse some. */
function memoryDriver(knobs: { slow?: (seq: number) => number; refuse?: (seq: number) => boolean } = {}) {
  const stored = new Set<string>();
  const driver: LedgerDriver = {
    async write(id, signal) {
      const seq = Number(id.split('-').pop());
      if (knobs.refuse?.(seq)) throw new Error("READONLY You can't write against a read only replica");
      const delay = knobs.slow?.(seq) ?? 0;
      // The write lands after `delay` even when nobody waits for the answer any more.
      setTimeout(() => stored.add(id), delay);
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, delay + 1);
        signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
      });
    },
    async present() {
      return stored;
    },
  };
  return { driver, stored };
}

describe('LedgerWriter', () => {
  it('writes numbered ids at a fixed rate and records each acknowledgement time', async () => {
    const clock = new SystemClock();
    const { driver } = memoryDriver({ slow: (seq) => (seq === 3 ? 300 : 0), refuse: (seq) => seq === 5 });
    const writer = new LedgerWriter(driver, {
      clock,
      ratePerSecond: 50,
      writeTimeoutMs: 100,
      prefix: 'run1',
    });
    writer.start();
    await clock.sleep(290);
    const writes = await writer.stop();
    expect(writes.map((w) => w.id).slice(0, 5)).toEqual(['run1-1', 'run1-2', 'run1-3', 'run1-4', 'run1-5']);
    expect(writes.length).toBeGreaterThanOrEqual(14);
    expect(writes.length).toBeLessThanOrEqual(16);
    // 20ms apart, whatever the slow write 3 took.
    expect(writes[4]!.sentAt - writes[0]!.sentAt).toBeCloseTo(80, -1);
    const [w1, , w3, , w5] = writes;
    expect(w1!.ackedAt! - w1!.sentAt).toBeLessThan(20);
    expect(w3).toMatchObject({ error: 'no acknowledgement within 100ms' });
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
