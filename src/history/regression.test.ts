import { describe, expect, it } from 'vitest';
import { flagRegressions } from './regression.js';
import { scenarioTrend } from './trends.js';
import type { MetricValue, RunRecord } from './run-record.js';

const notMeasured: MetricValue = { status: 'not-measured' };

/** Runs of one scenario, oldest first, with these TTRs (ms; resolution 100ms). */
function history(ttrs: Array<number | 'exceeded' | null>): RunRecord[] {
  return ttrs.map((ttr, i) => ({
    scenario: 's',
    runId: `r${i}`,
    dir: `s/r${i}`,
    startedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 0, 1 + i, 0, 1)).toISOString(),
    verdict: 'passed',
    metrics: {
      ttd: notMeasured,
      ttr:
        ttr === null
          ? notMeasured
          : ttr === 'exceeded'
            ? { status: 'exceeded', over: 20_000 }
            : { status: 'measured', value: ttr, resolution: 100 },
      lostWrites: { status: 'measured', value: 0, resolution: 0 },
    },
    regressions: [],
  }));
}

const flagged = (runs: RunRecord[]): string[] => flagRegressions(runs).map((r) => `${r.runId}:${r.metric}`);

describe('flagRegressions', () => {
  it('needs five earlier measured runs before it judges', () => {
    expect(flagged(history([1000, 1000, 1000, 1000, 9000]))).toEqual([]);
    expect(flagged(history([1000, 1000, 1000, 1000, 1000, 9000]))).toEqual(['r5:ttr']);
  });

  it('flags a value above the p95 of the earlier runs by more than its own resolution', () => {
    const base = [2000, 2050, 2100, 2150, 2200];
    expect(flagged(history([...base, 2300]))).toEqual([]); // 2300 <= 2200 + 100: within the resolution
    const runs = history([...base, 2301]);
    expect(flagRegressions(runs)).toEqual([
      expect.objectContaining({
        runId: 'r5',
        metric: 'ttr',
        baselineP95: 2200,
        baselineRuns: 5,
        tolerance: 100,
      }),
    ]);
    expect(runs[5]?.regressions).toEqual(['ttr']);
  });

  it('flags a recovery that exceeded its timeout, and ignores runs that measured nothing', () => {
    expect(flagged(history([1000, null, 1000, 1000, null, 1000, 1000, 'exceeded', null]))).toEqual([
      'r7:ttr',
    ]);
  });

  it('judges each run against at most the 20 runs before it', () => {
    // 20 slow runs long ago, then 20 fast ones: a slow run now is a regression again.
    const runs = history([...Array(20).fill(5000), ...Array(20).fill(1000), 5000]);
    expect(flagged(runs)).toEqual(['r40:ttr']);
  });

  it('flags lost writes that appear after a history of none', () => {
    const runs = history([1000, 1000, 1000, 1000, 1000, 1000]);
    (runs[5] as RunRecord).metrics.lostWrites = { status: 'measured', value: 3, resolution: 0 };
    expect(flagged(runs)).toEqual(['r5:lostWrites']);
  });
});

describe('aborted runs in the history', () => {
  it('are never flagged and never part of a baseline', () => {
    const runs = history([1000, 1000, 1000, 1000, 1000, 'exceeded', 9000]);
    // The interrupted run reported "recover > 20s" before this fix; now it is simply left out.
    runs[5]!.verdict = 'aborted';
    runs[6]!.verdict = 'error';
    expect(flagged(runs)).toEqual([]);
    const later = history([1000, 1000, 1000, 1000, 9000, 1000, 9000]);
    later[4]!.verdict = 'aborted';
    // r4 (aborted) is no baseline: r5 has four earlier runs only, r6 five runs of 1000.
    expect(flagged(later)).toEqual(['r6:ttr']);
  });

  it('are left out of the trend figures but counted in the pass rate', () => {
    const runs = history([1000, 2000, 30_000]);
    runs[2]!.verdict = 'aborted';
    const trend = scenarioTrend(runs);
    expect(trend.metrics.ttr.measured).toMatchObject({ n: 2, max: 2000 });
    expect(trend.passRate).toBeCloseTo(2 / 3);
  });
});
