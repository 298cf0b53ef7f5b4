import { describe, expect, it } from 'vitest';
import type { Measurements } from './measurements.js';
import { summarizeRepeats } from './repeat.js';

function run(recoverMs: number | 'not-recovered', lostWrites?: number): Measurements {
  const recover =
    recoverMs === 'not-recovered'
      ? ({ status: 'not-recovered', exceeds: 60_000, reason: 'timeout' } as const)
      : ({
          status: 'measured',
          ms: recoverMs,
          resolution: { ms: 100, basis: 'bracketing samples' },
        } as const);
  return {
    t0: 0,
    signals: ['api'],
    impact: { status: 'impact', at: 0, signal: 'api', resolution: { ms: 100, basis: 'bracketing samples' } },
    detect: { status: 'not-measured', reason: 'no detect probe' },
    recover,
    recoveryAfterDetection: { status: 'not-measured', reason: 'no detect probe' },
    total: recover,
    recovered: recover.status === 'measured',
    during: [],
    ...(lostWrites === undefined
      ? {}
      : {
          data: {
            attempted: 10,
            acknowledged: 10,
            lostWrites,
            lostIds: [],
            recovered: 0,
            rpo: { status: 'measured', ms: 0, resolution: { ms: 0, basis: 'bracketing samples' } },
          },
        }),
  };
}

describe('summarizeRepeats', () => {
  it('reports each measurement as a distribution, with timeouts and gaps counted apart', () => {
    const summary = summarizeRepeats([
      run(4200, 0),
      run(3900, 2),
      run('not-recovered', 0),
      run(5100),
      run(4000, 1),
    ]);
    expect(summary.runs).toBe(5);
    expect(summary.recover).toEqual({
      runs: 5,
      measured: { n: 4, min: 3900, p50: 4000, p95: 5100, max: 5100 },
      exceeded: 1,
      notMeasured: 0,
    });
    expect(summary.total).toEqual(summary.recover);
    expect(summary.detect).toEqual({ runs: 5, measured: null, exceeded: 0, notMeasured: 5 });
    expect(summary.lostWrites).toEqual({
      runs: 5,
      measured: { n: 4, min: 0, p50: 0, p95: 2, max: 2 },
      exceeded: 0,
      notMeasured: 1,
    });
  });
});
