import { describe, expect, it } from 'vitest';
import { series } from './fake-series.js';
import { measure, type MeasureInput } from './measurements.js';
import type { ProbeInfo } from './series.js';

const t0 = 1000;
const api: ProbeInfo = { name: 'api', role: 'steady', interval: 100 };
const failover: ProbeInfo = { name: 'failover', role: 'detect', interval: 250 };
const base: Omit<MeasureInput, 'samples'> = {
  t0,
  probes: [api, failover],
  recoverTimeoutMs: 5000,
  faultWindows: [{ start: 1000, end: 1500 }],
};

describe('measure', () => {
  it('combines detection and recovery: TTD, TTR, recovery after detection, total', () => {
    const samples = [
      ...series('api', 'steady', 'PPPPPPPPPP' + 'FFFFFFFF' + 'PPPP', { interval: 100 }), // back at 1800
      ...series('failover', 'detect', 'FFFF' + 'FFP', { interval: 250 }), // passes at 1500
    ];
    const m = measure({ ...base, samples });
    expect(m.impact).toEqual({
      status: 'impact',
      at: 1000,
      signal: 'api',
      detail: 'HTTP 503',
      resolution: { ms: 0, basis: 'bracketing samples' },
    });
    expect(m.detect).toMatchObject({
      status: 'measured',
      ms: 500,
      resolution: { ms: 250, basis: 'bracketing samples' },
      at: 1500,
    });
    expect(m.recover).toEqual({
      status: 'measured',
      ms: 800,
      resolution: { ms: 100, basis: 'bracketing samples' },
      at: 1800,
      signal: 'api',
    });
    expect(m.recoveryAfterDetection).toEqual({
      status: 'measured',
      ms: 300,
      resolution: { ms: 350, basis: 'sum of both bounds' },
      at: 1800,
    });
    expect(m.total).toEqual(m.recover);
    expect(m.recovered).toBe(true);
    expect(m.data).toBeUndefined();
    expect(m.load).toBeUndefined();
  });

  it('reports a negative recovery after detection when the system recovered before signalling it', () => {
    const samples = [
      ...series('api', 'steady', 'PPPPPPPPPP' + 'FFPPPPP', { interval: 100 }), // back at 1200
      ...series('failover', 'detect', 'FFFF' + 'FFFP', { interval: 250 }), // passes at 1750
    ];
    expect(measure({ ...base, samples }).recoveryAfterDetection).toMatchObject({
      status: 'measured',
      ms: -550,
    });
  });

  it('gives TTR 0 without impact, and no recovery after detection', () => {
    const samples = series('api', 'steady', 'P'.repeat(20), { interval: 100 });
    const m = measure({ ...base, probes: [api], samples });
    expect(m.impact).toEqual({ status: 'none' });
    expect(m.recover).toEqual({
      status: 'measured',
      ms: 0,
      resolution: { ms: 100, basis: 'sampling interval' },
      at: 1000,
      note: 'no steady signal failed after the fault',
    });
    expect(m.detect).toEqual({ status: 'not-measured', reason: 'the scenario has no detect probe' });
    expect(m.recoveryAfterDetection.status).toBe('not-measured');
    expect(m.recovered).toBe(true);
  });

  it('reports a drill that never recovered as "> timeout" on recover and total', () => {
    const samples = [
      ...series('api', 'steady', 'PPPPPPPPPP' + 'F'.repeat(60), { interval: 100 }),
      ...series('failover', 'detect', 'FFFF' + 'FP', { interval: 250 }), // passes at 1250
    ];
    const m = measure({ ...base, samples });
    const notRecovered = {
      status: 'not-recovered',
      exceeds: 5000,
      reason: 'steady state did not hold again within the recover timeout of 5.00s',
    };
    expect(m.recover).toEqual(notRecovered);
    expect(m.total).toEqual(notRecovered);
    expect(m.recoveryAfterDetection).toMatchObject({ status: 'not-recovered', exceeds: 4750 });
    expect(m.recovered).toBe(false);
  });

  it('includes during rows, data and load when given', () => {
    const during: ProbeInfo = { name: 'minority-refuses', role: 'during', interval: 100, expect: 'fail' };
    const samples = [
      ...series('api', 'steady', 'PPPPPPPPPP' + 'FPPP', { interval: 100 }),
      ...series('minority-refuses', 'during', 'FFFFF', { interval: 100, start: 1000 }),
    ];
    const m = measure({
      ...base,
      probes: [api, during],
      samples,
      ledger: { attempted: 10, acknowledged: 9, lost: [{ id: 4, ackedAt: 700 }], recovered: 0 },
      requests: [{ at: 1100, ok: true, latencyMs: 12 }],
    });
    expect(m.during).toMatchObject([{ objective: 'during minority-refuses', status: 'passed', measured: 1 }]);
    expect(m.data).toMatchObject({ lostWrites: 1, rpo: { status: 'measured', ms: 300 } });
    expect(m.load?.availability.fault).toEqual({ ratio: 1, ok: 1, total: 1 });
  });
});
