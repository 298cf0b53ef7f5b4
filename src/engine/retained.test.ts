import { describe, expect, it } from 'vitest';
import { MeasureScope, type TimelineView } from './measure-scope.js';
import { RETAIN_ABOVE, Retained } from './retained.js';

interface Obs {
  t: number;
  ok: boolean;
}

const timeline: TimelineView = { firstEffectAt: () => 0, activeWindows: () => [], records: new Map() };

function store(scope: MeasureScope): Retained<Obs> {
  return new Retained<Obs>(
    scope,
    (o) => o.t,
    () => 'api',
    8,
    (o) => !o.ok,
  );
}

describe('Retained', () => {
  it('after a long kept interval, prunes again within an eighth of what it holds, not after as many again', () => {
    const scope = new MeasureScope(undefined);
    const retained = store(scope);
    const interval = 16_000;
    scope.open(0, timeline);
    for (let t = 0; t < interval; t++) retained.push({ t, ok: t > 100 });
    scope.close(interval);
    let largest = 0;
    for (let t = interval; t < 5 * interval; t++) {
      retained.push({ t, ok: t !== interval + 10 });
      largest = Math.max(largest, retained.size);
    }
    // Observations wait at most ~2,000 pushes (an eighth of 16,000), so they die young in V8's
    // young generation instead of being promoted; waiting for the store to double (16,000 more)
    // made a day-long drill's heap four times its live data.
    expect(largest).toBeLessThanOrEqual(interval + interval / 8 + 8 + 1 + 1);
    const kept = retained.all.map((o) => o.t);
    // The interval stays whole; after it: the first failure (TTR's mark) and the last few.
    expect(kept.filter((t) => t < interval)).toHaveLength(interval);
    expect(kept).toContain(interval + 10);
    expect(kept.slice(-8)).toEqual(Array.from({ length: 8 }, (_, i) => 5 * interval - 8 + i));
  });

  it('keeps a short drill whole: nothing is dropped below its threshold', () => {
    const retained = store(new MeasureScope(undefined));
    for (let t = 0; t < RETAIN_ABOVE - 1; t++) retained.push({ t, ok: true });
    expect(retained.size).toBe(RETAIN_ABOVE - 1);
    expect(retained.dropped).toBe(0);
  });

  it('drops a skipped gap but for the last few before its end; a later gap leaves what lies between', () => {
    const scope = new MeasureScope(undefined);
    const retained = new Retained<Obs>(
      scope,
      (o) => o.t,
      () => 'api',
      8,
      (o) => !o.ok,
      10,
    );
    scope.open(0, timeline);
    for (let t = 0; t < 3_000; t++) {
      if (t === 1_000) scope.skip(100, 1_000);
      // Extends the gap (the same start); then one after a point that must stay (a detection at 1500).
      if (t === 1_200) scope.skip(100, 1_200);
      if (t === 2_500) scope.skip(1_500, 2_500);
      retained.push({ t, ok: true });
    }
    const kept = new Set(retained.all.map((o) => o.t));
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    const expected = [...range(0, 101), ...range(1_192, 1_501), ...range(2_492, 3_000)];
    expect([...kept].sort((a, b) => a - b)).toEqual(expected);
  });
});
