import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyNumber, fuzzRuns, fuzzSeed } from '../../../test/support/result-arbitrary.js';
import { linearScale, maxTicks, niceMax, px, timeTicks } from './chart-scale.js';

describe('chart scales', () => {
  it('ticks every round step aligned on t0', () => {
    expect(timeTicks([-1000, 4000], 0)).toEqual([-1000, 0, 1000, 2000, 3000, 4000]);
    expect(timeTicks([0, 60_000], 500)).toEqual([500, 10_500, 20_500, 30_500, 40_500, 50_500]);
  });

  it('keeps about eight ticks for a week-long drill instead of one per hour', () => {
    const week = 7 * 24 * 3_600_000;
    expect(timeTicks([0, week], 0).length).toBeLessThanOrEqual(8);
  });

  it('a sample at t=1e308 gives a few ticks at once (it used to loop until the heap ran out)', () => {
    const ticks = timeTicks([0, 1e308], 0);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.length).toBeLessThanOrEqual(maxTicks);
    expect(timeTicks([-1e308, 1e308], 1e308)).toEqual([]);
  });

  it('maps any finite domain to finite pixels, and prints no NaN or exponent', () => {
    const x = linearScale([-1e308, 1e308], [0, 1000]);
    expect(px(x(0))).toBe('500');
    expect(px(x(1e308))).toBe('1000');
    expect(px(Number.NaN)).toBe('0');
    expect(px(1e300)).toBe('100000');
    expect(niceMax(1.5e308)).toBe(1.5e308);
    expect(niceMax(0.3)).toBe(0.5);
  });

  it('any domain and origin: bounded ticks, finite pixels (fuzz)', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, (a, b, origin) => {
        const domain: [number, number] = [Math.min(a, b), Math.max(a, b)];
        const ticks = timeTicks(domain, origin);
        expect(ticks.length).toBeLessThanOrEqual(maxTicks);
        const x = linearScale(domain, [200, 984]);
        for (const t of ticks) expect(px(x(t))).toMatch(/^-?\d+(\.\d)?$/);
        expect(Number.isFinite(niceMax(b))).toBe(true);
      }),
      { seed: fuzzSeed, numRuns: fuzzRuns(500) },
    );
  });
});
