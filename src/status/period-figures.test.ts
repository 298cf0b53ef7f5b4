import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankedPercentile, timeSummary } from './period-figures.js';

const sorted = (values: Array<[number, boolean]>) =>
  values.map(([value, exceeded]) => ({ value, exceeded })).sort((a, b) => a.value - b.value);

describe('rankedPercentile', () => {
  it('is exact when every exceeded value lies above its rank', () => {
    // One of ten recoveries exceeded its 30 s timeout: p50 and p95 (rank 10 of 10 is the max) differ.
    const values = sorted([
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((s): [number, boolean] => [s * 1000, false]),
      [30_000, true],
    ]);
    expect(rankedPercentile(values, 50)).toEqual({ value: 5000, atLeast: false });
    expect(rankedPercentile(values, 90)).toEqual({ value: 9000, atLeast: false });
    expect(rankedPercentile(values, 100)).toEqual({ value: 30_000, atLeast: true });
  });

  it('is a lower bound once an exceeded value lies at or below its rank', () => {
    // A 2 s timeout exceeded: the true value may be anything above 2 s.
    const values = sorted([
      [1000, false],
      [2000, true],
      [5000, false],
    ]);
    expect(rankedPercentile(values, 50)).toEqual({ value: 2000, atLeast: true });
    expect(rankedPercentile(values, 0)).toEqual({ value: 1000, atLeast: false });
  });

  it('never claims exactness that a possible true value would contradict', () => {
    // Property: for any true values above the exceeded ones' timeouts, the true percentile equals
    // the shown one whenever the figure is not marked a lower bound, and is never below it.
    const sample = fc.record({
      value: fc.integer({ min: 0, max: 1000 }),
      exceeded: fc.boolean(),
      extra: fc.integer({ min: 1, max: 5000 }),
    });
    fc.assert(
      fc.property(
        fc.array(sample, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 100 }),
        (samples, p) => {
          const shown = [...samples].sort(
            (a, b) => a.value - b.value || Number(a.exceeded) - Number(b.exceeded),
          );
          const figure = rankedPercentile(shown, p);
          const truth = rankedPercentile(
            sorted(samples.map((s) => [s.exceeded ? s.value + s.extra : s.value, false])),
            p,
          ).value;
          expect(truth).toBeGreaterThanOrEqual(figure.value);
          if (!figure.atLeast) expect(truth).toBe(figure.value);
        },
      ),
      { seed: 20261208, numRuns: 500 },
    );
  });
});

describe('timeSummary', () => {
  it('marks the mean a lower bound as soon as one value exceeded', () => {
    const summary = timeSummary([
      { ms: 1000, exceeded: false },
      { ms: 2000, exceeded: false },
      { ms: 30_000, exceeded: true },
    ]);
    expect(summary?.atLeast).toEqual({ mean: true, p50: false, p95: true, p99: true, max: true });
  });
});
