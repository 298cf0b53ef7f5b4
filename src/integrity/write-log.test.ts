import { describe, expect, it } from 'vitest';
import { WriteLog } from './write-log.js';

describe('WriteLog', () => {
  it('keeps every write exactly across its fixed-size chunks (a day holds 1.7 M)', () => {
    const log = new WriteLog('w');
    const count = 20_000; // past two chunks of 8192 rows
    for (let seq = 1; seq <= count; seq++) {
      log.open(seq, seq * 50 + 0.125);
      if (seq % 1000 === 0) log.fail(seq, seq * 50 + 900, seq % 2000 === 0 ? 'refused' : 'timeout');
      else log.ack(seq, seq * 50 + 3.5);
    }
    for (const seq of [1, 8191, 8192, 8193, 16384, 16385, count])
      expect(log.get(seq)).toEqual(
        seq % 1000 === 0
          ? {
              id: `w-${seq}`,
              seq,
              sentAt: seq * 50 + 0.125,
              error: seq % 2000 === 0 ? 'refused' : 'timeout',
              failedAt: seq * 50 + 900,
            }
          : { id: `w-${seq}`, seq, sentAt: seq * 50 + 0.125, ackedAt: seq * 50 + 3.5 },
      );
    expect(log.errorCounts()).toEqual(
      new Map([
        ['timeout', 10],
        ['refused', 10],
      ]),
    );
    // The read-back found all but two acknowledged writes, one each side of a chunk boundary, and
    // one write that was never acknowledged.
    const present = new Uint8Array(count + 1).fill(1);
    present[8192] = 0;
    present[8193] = 0;
    const summary = log.summarize(present, 8000 * 50, 9000 * 50);
    expect(summary.attempted).toBe(1000);
    expect(summary.acknowledged).toBe(999);
    expect(summary.lost).toEqual([
      { id: 'w-8192', ackedAt: 8192 * 50 + 3.5 },
      { id: 'w-8193', ackedAt: 8193 * 50 + 3.5 },
    ]);
    expect(summary.recovered).toBe(1);
    expect(log.all()).toHaveLength(count);
  });
});
