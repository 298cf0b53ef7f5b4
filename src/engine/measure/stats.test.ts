import { describe, expect, it } from 'vitest';
import { distribution, latencyPercentiles, percentileOfSorted } from './stats.js';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('percentileOfSorted (nearest rank)', () => {
  it('returns observed values: p50/p95/p99 of 1..100 are 50/95/99, p100 the max', () => {
    expect([50, 95, 99, 100].map((p) => percentileOfSorted(oneToHundred, p))).toEqual([50, 95, 99, 100]);
    expect(percentileOfSorted(oneToHundred, 0)).toBe(1);
  });

  it('rounds the rank up on small lists', () => {
    expect(percentileOfSorted([10, 20, 30, 40], 50)).toBe(20);
    expect(percentileOfSorted([10, 20, 30, 40], 51)).toBe(30);
    expect(percentileOfSorted([10, 20, 30, 40], 99)).toBe(40);
    expect(percentileOfSorted([7], 95)).toBe(7);
  });

  it('refuses an empty list and a percentile outside 0..100', () => {
    expect(() => percentileOfSorted([], 50)).toThrow('percentile of an empty list');
    expect(() => percentileOfSorted([1], 101)).toThrow('within 0..100');
  });
});

describe('distribution', () => {
  it('gives min, p50, p95, max and n of unsorted values', () => {
    expect(distribution([4200, 3900, 5100, 4000, 12_000])).toEqual({
      n: 5,
      min: 3900,
      p50: 4200,
      p95: 12_000,
      max: 12_000,
    });
  });

  it('is null without values', () => {
    expect(distribution([])).toBeNull();
    expect(latencyPercentiles([])).toBeNull();
  });

  it('gives latency p50/p95/p99', () => {
    expect(latencyPercentiles([...oneToHundred].reverse())).toEqual({ n: 100, p50: 50, p95: 95, p99: 99 });
  });
});
