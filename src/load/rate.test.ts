import { describe, expect, it } from 'vitest';
import { loadRate as rate, parseRate } from './rate.js';

describe('rate', () => {
  it('reads numbers, N/s and N/m as operations per second', () => {
    expect(parseRate(200)).toBe(200);
    expect(parseRate('20/s')).toBe(20);
    expect(parseRate('30/m')).toBe(0.5);
    expect(parseRate('2.5 / s')).toBe(2.5);
  });

  it('rejects what is not a positive rate, saying what it expected', () => {
    expect(parseRate(0)).toBeUndefined();
    expect(parseRate('20/h')).toBeUndefined();
    expect(parseRate('fast')).toBeUndefined();
    expect(rate.safeParse('fast').error?.issues[0]?.message).toBe(
      'expected a rate such as 200, 200/s or 30/m from 1/m to 10000/s, found "fast"',
    );
    expect(rate.safeParse(-1).success).toBe(false);
  });
});
