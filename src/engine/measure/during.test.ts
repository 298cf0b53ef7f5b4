import { describe, expect, it } from 'vitest';
import { evaluateDuring } from './during.js';
import { series } from './fake-series.js';
import type { ProbeInfo } from './series.js';

const t0 = 1000;
const faultWindows = [{ start: 1000, end: 2000 }];
const majority: ProbeInfo = { name: 'majority-writes', role: 'during', interval: 100, expect: 'pass' };
const minority: ProbeInfo = { name: 'minority-refuses', role: 'during', interval: 100, expect: 'fail' };

describe('evaluateDuring', () => {
  it('passes a probe that met its expectation on every sample while the fault was active', () => {
    // Samples outside [1000, 2000) do not count: failures before and at 2000 are ignored.
    const samples = series(majority.name, 'during', 'FFFFFFFFFF' + 'PPPPPPPPPP' + 'FF', { interval: 100 });
    expect(evaluateDuring({ t0, samples, probes: [majority], faultWindows })).toEqual([
      {
        objective: 'during majority-writes',
        kind: 'during',
        unit: 'fraction',
        comparison: '>=',
        target: 1,
        measured: 1,
        status: 'passed',
      },
    ]);
  });

  it('fails on any violation and says where the first one was', () => {
    const samples = series(majority.name, 'during', 'PPPPPPPPPP' + 'PPPFPPPPPP', { interval: 100 });
    const [row] = evaluateDuring({ t0, samples, probes: [majority], faultWindows });
    expect(row).toMatchObject({ status: 'failed', measured: 0.9 });
    expect(row?.reason).toBe(
      'expected to pass while a fault is active; 1 of 10 samples did not, first at +300ms: failed (HTTP 503)',
    );
  });

  it('expects failures from an `expect: fail` probe', () => {
    const samples = series(minority.name, 'during', 'PPPPPPPPPP' + 'FFFFFPFFFF', { interval: 100 });
    const [row] = evaluateDuring({ t0, samples, probes: [minority], faultWindows });
    expect(row).toMatchObject({ status: 'failed', measured: 0.9 });
    expect(row?.reason).toContain(
      'expected to fail while a fault is active; 1 of 10 samples did not, first at +500ms',
    );
  });

  it('ignores a check that straddles the edge of a fault window: it may have seen the system without the fault', () => {
    // The minority's put starts 50 ms before the revert begins and succeeds once the partition is
    // gone; one that started before the fault was in place and ended inside it saw the same mix.
    const inside = series(minority.name, 'during', 'FFFFFFFF', { interval: 100, start: 1100, duration: 500 });
    const straddling = [
      { ...series(minority.name, 'during', 'P', { interval: 100, start: 1950 })[0]!, endedAt: 2450 },
      { ...series(minority.name, 'during', 'P', { interval: 100, start: 900 })[0]!, endedAt: 1400 },
    ];
    const [row] = evaluateDuring({
      t0,
      samples: [...inside, ...straddling],
      probes: [minority],
      faultWindows,
    });
    expect(row).toMatchObject({ status: 'passed', measured: 1 });
  });

  it('is not measured when no sample fell in a fault window', () => {
    const samples = series(minority.name, 'during', 'FFFFF', { interval: 100 });
    const [row] = evaluateDuring({
      t0,
      samples,
      probes: [minority, { ...majority, role: 'steady' }],
      faultWindows,
    });
    expect(row).toMatchObject({ status: 'not-measured', measured: null });
  });
});
