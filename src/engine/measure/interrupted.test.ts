import { describe, expect, it } from 'vitest';
import { displayRow } from '../row-display.js';
import { series } from './fake-series.js';
import { measure, type MeasureInput } from './measurements.js';
import { evaluateObjectives } from './objectives.js';
import type { ProbeInfo } from './series.js';

const t0 = 1000;
const api: ProbeInfo = { name: 'api', role: 'steady', interval: 100, timeout: 50 };
const failover: ProbeInfo = { name: 'failover', role: 'detect', interval: 100, timeout: 50 };
const base: Omit<MeasureInput, 'samples'> = {
  t0,
  probes: [api, failover],
  recoverTimeoutMs: 30_000,
  faultWindows: [{ start: t0, end: 5000 }],
};

describe('a run interrupted before a measurement was decided', () => {
  it('reports recovery as not measured (aborted at +Xs), never "> 30s"', () => {
    // SIGINT 500ms after t0: the steady probe has failed since t0, nothing recovered yet.
    const samples = [
      ...series('api', 'steady', 'P'.repeat(10) + 'FFFFF', { interval: 100 }),
      ...series('failover', 'detect', 'F'.repeat(15), { interval: 100 }),
    ];
    const m = measure({ ...base, samples, stoppedAt: 1500 });
    expect(m.abortedAtMs).toBe(500);
    expect(m.recover).toEqual({
      status: 'not-measured',
      reason: 'the run was interrupted at +500ms, before recovery was measured',
      abortedAtMs: 500,
    });
    expect(m.detect).toMatchObject({ status: 'not-measured', abortedAtMs: 500 });
    const rows = evaluateObjectives({ recover: 5000, detect: 1000 }, m);
    expect(rows.map((r) => [r.objective, r.status, r.measured, displayRow(r).measured])).toEqual([
      ['detect', 'not-measured', null, 'not measured (aborted at +500ms)'],
      ['recover', 'not-measured', null, 'not measured (aborted at +500ms)'],
    ]);
    // The same series without the interruption is "not recovered (> 30s)": a failure it did not wait for.
    expect(measure({ ...base, samples }).recover.status).toBe('not-recovered');
  });

  it('reports no "0ms" for an impact it had no time to see', () => {
    const samples = series('api', 'steady', 'P'.repeat(12), { interval: 100 });
    const m = measure({ ...base, probes: [api], samples, stoppedAt: 1150 });
    expect(m.recover).toMatchObject({ status: 'not-measured', abortedAtMs: 150 });
    // With a full stable window after t0 seen, "no impact" was decided before the interruption.
    const longer = series('api', 'steady', 'P'.repeat(14), { interval: 100 });
    expect(measure({ ...base, probes: [api], samples: longer, stoppedAt: 1350 }).recover).toMatchObject({
      status: 'measured',
      ms: 0,
    });
  });

  it('keeps what was decided: a recovery whose window completed, a detection seen', () => {
    const samples = [
      ...series('api', 'steady', 'P'.repeat(10) + 'FFPPP', { interval: 100 }),
      ...series('failover', 'detect', 'F'.repeat(11) + 'PPPP', { interval: 100 }),
    ];
    const m = measure({ ...base, samples, stoppedAt: 1500 });
    expect(m.recover).toMatchObject({ status: 'measured', ms: 200, signal: 'api' });
    expect(m.detect).toMatchObject({ status: 'measured', ms: 100, signal: 'failover' });
    expect(m.recoveryAfterDetection).toMatchObject({ status: 'measured', ms: 100 });
  });

  it('is a real "not recovered" when the interruption came after the recover horizon', () => {
    const samples = series('api', 'steady', 'P'.repeat(10) + 'F'.repeat(40), { interval: 100 });
    const m = measure({ ...base, probes: [api], recoverTimeoutMs: 1000, samples, stoppedAt: 5000 });
    expect(m.recover.status).toBe('not-recovered');
  });
});
