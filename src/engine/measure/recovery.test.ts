import { describe, expect, it } from 'vitest';
import { series } from './fake-series.js';
import { findImpact, findRecovery } from './recovery.js';
import { recoveryHorizon } from './recovery-horizon.js';
import type { ProbeInfo } from './series.js';
import { rateRoundMs, steadySignals, type SignalSources } from './signals.js';
import type { Sample } from '../../result/index.js';

/** findRecovery over the steady signals of these sources (probes only, unless load/writes given). */
function recover(input: SignalSources & { t0: number; recoverTimeoutMs: number; stableFor?: number }) {
  const signals = steadySignals(input);
  return findRecovery({ ...input, signals, roundMs: rateRoundMs(input.probes, input.selected) });
}

function impactOf(t0: number, samples: readonly Sample[], probes: readonly ProbeInfo[]) {
  return findImpact(t0, steadySignals({ samples, probes }));
}

const api: ProbeInfo = { name: 'api', role: 'steady', interval: 100 };
// Baseline passes 0..900, the fault takes effect at t0 = 1000.
const t0 = 1000;
const baseline = 'PPPPPPPPPP';
const steady = (after: string, probe = api) =>
  series(probe.name, 'steady', baseline.slice(0, (t0 / probe.interval) | 0) + after, {
    interval: probe.interval,
  });

describe('findRecovery', () => {
  it('puts t_r at the start of the stable window, not at its end', () => {
    const r = recover({ t0, samples: steady('FFFFFPPPP'), probes: [api], recoverTimeoutMs: 10_000 });
    expect(r).toMatchObject({
      status: 'recovered',
      at: 1500,
      signal: 'api',
      resolution: { ms: 100, basis: 'bracketing samples' },
      windowEnd: 1700,
    });
    expect(r).toMatchObject({
      impact: {
        status: 'impact',
        at: 1000,
        signal: 'api',
        detail: 'HTTP 503',
        resolution: { ms: 0, basis: 'bracketing samples' },
      },
    });
  });

  it('does not count a flap as recovery: the first pass is followed by a failure', () => {
    // 1000 F, 1100 P, 1200 F, 1300 P, 1400 P, 1500 P
    const r = recover({ t0, samples: steady('FPFPPP'), probes: [api], recoverTimeoutMs: 10_000 });
    expect(r).toMatchObject({ status: 'recovered', at: 1300 });
  });

  it('honours stable_for: with 5 rounds a 3-round pass is not enough', () => {
    const samples = steady('FPPPFPPPPP');
    expect(recover({ t0, samples, probes: [api], recoverTimeoutMs: 10_000, stableFor: 3 })).toMatchObject({
      at: 1100,
    });
    expect(recover({ t0, samples, probes: [api], recoverTimeoutMs: 10_000, stableFor: 5 })).toMatchObject({
      at: 1500,
    });
  });

  it('reports no impact when no steady sample fails after t0', () => {
    const samples = steady('PPPPPP');
    expect(impactOf(t0, samples, [api])).toEqual({ status: 'none' });
    expect(recover({ t0, samples, probes: [api], recoverTimeoutMs: 1000 }).status).toBe('no-impact');
  });

  it('ignores failures before t0 when looking for the impact', () => {
    const samples = series('api', 'steady', 'PPFPPPPPPP' + 'PPPP', { interval: 100 });
    expect(impactOf(t0, samples, [api])).toEqual({ status: 'none' });
  });

  it('is not recovered when steady state never holds again', () => {
    const r = recover({
      t0,
      samples: steady('FFFFFFFFFFFFFFFFFFFF'),
      probes: [api],
      recoverTimeoutMs: 1500,
    });
    expect(r).toEqual(expect.objectContaining({ status: 'not-recovered', deadline: 2500, pending: false }));
  });

  it('accepts a window that starts at the deadline exactly and completes after it', () => {
    // t_r = 2500 = t0 + 1500; its window ends at 2700.
    const samples = steady('FFFFFFFFFFFFFFF' + 'PPP');
    expect(recover({ t0, samples, probes: [api], recoverTimeoutMs: 1500 })).toMatchObject({
      status: 'recovered',
      at: 2500,
      windowEnd: 2700,
    });
    expect(recover({ t0, samples, probes: [api], recoverTimeoutMs: 1499 })).toMatchObject({
      status: 'not-recovered',
      pending: false,
    });
  });

  it('says pending while a clean window that started before the deadline lacks rounds', () => {
    const samples = steady('FFFPP');
    expect(recover({ t0, samples, probes: [api], recoverTimeoutMs: 300 })).toMatchObject({
      status: 'not-recovered',
      pending: true,
    });
    // ...and becomes final once the window breaks.
    const broken = steady('FFFPPF');
    expect(recover({ t0, samples: broken, probes: [api], recoverTimeoutMs: 300 })).toMatchObject({
      status: 'not-recovered',
      pending: false,
    });
  });

  it('is not measured without a steady probe', () => {
    const r = recover({ t0, samples: [], probes: [{ ...api, role: 'detect' }], recoverTimeoutMs: 1000 });
    expect(r).toEqual({ status: 'not-measured', reason: 'the scenario has no steady signal' });
  });
});

describe('findRecovery with two steady probes at different intervals', () => {
  const fast: ProbeInfo = { name: 'health', role: 'steady', interval: 100 };
  const slow: ProbeInfo = { name: 'write', role: 'steady', interval: 500 };
  const probes = [fast, slow];

  it('waits for the slow probe to be seen passing: t_r is its first passing sample', () => {
    // health fails 1000..1500, passes from 1600; write fails at 1000 and 1500, passes from 2000.
    const samples = [...steady('FFFFFF' + 'P'.repeat(30), fast), ...steady('FFPPPP', slow)];
    const r = recover({ t0, samples, probes, recoverTimeoutMs: 10_000 });
    expect(r).toMatchObject({
      status: 'recovered',
      at: 2000,
      signal: 'write',
      resolution: { ms: 500, basis: 'bracketing samples' },
      windowEnd: 3000,
    });
  });

  it('needs every probe to pass continuously: a fast-probe failure inside the slow window restarts it', () => {
    // health fails once more at 2200, inside write's window 2000..3000.
    const samples = [
      ...steady('FFFFFF' + 'PPPPPP' + 'F' + 'P'.repeat(30), fast),
      ...steady('FFPPPPPP', slow),
    ];
    const r = recover({ t0, samples, probes, recoverTimeoutMs: 10_000 });
    expect(r).toMatchObject({ status: 'recovered', at: 2500, signal: 'write', windowEnd: 3500 });
  });

  it('knows a probe healthy only once it is seen passing after the candidate', () => {
    // write passes from 1500; health passes from 1700: t_r = health's first sample after write's.
    const samples = [...steady('FFFFFFFPPPPPPPPPPPPPPPPP', fast), ...steady('FPPPPP', slow)];
    const r = recover({ t0, samples, probes, recoverTimeoutMs: 10_000 });
    // Candidate 1500 (write passes) fails: health fails at 1500 and 1600. Candidate 1700 (health):
    // write's first sample at/after 1700 is 2000.
    expect(r).toMatchObject({ status: 'recovered', at: 2000, signal: 'write' });
  });

  it('takes the finer probe as the mark when both first pass at the same instant', () => {
    // health fails up to 1900 and passes from 2000, where write also passes first.
    const samples = [...steady('F'.repeat(10) + 'P'.repeat(20), fast), ...steady('FFPPPP', slow)];
    const r = recover({ t0, samples, probes, recoverTimeoutMs: 10_000 });
    expect(r).toMatchObject({
      status: 'recovered',
      at: 2000,
      signal: 'health',
      resolution: { ms: 100, basis: 'bracketing samples' },
    });
  });

  it('is not recovered when one steady probe has no samples after the impact', () => {
    const samples = [...steady('FFPPPPPPPP', fast), ...series('write', 'steady', 'PP', { interval: 500 })];
    const r = recover({ t0, samples, probes, recoverTimeoutMs: 500 });
    expect(r).toMatchObject({ status: 'not-recovered' });
  });
});

describe('recoveryHorizon', () => {
  it('is the deadline plus stable_for rounds of the slowest steady probe plus its timeout', () => {
    const probes: ProbeInfo[] = [
      { name: 'a', role: 'steady', interval: 100, timeout: 50 },
      { name: 'b', role: 'steady', interval: 500, timeout: 1000 },
      { name: 'd', role: 'detect', interval: 5000, timeout: 9000 },
    ];
    const steady = probes.filter((p) => p.role === 'steady');
    expect(recoveryHorizon({ t0: 1000, recoverTimeoutMs: 30_000, probes: steady })).toBe(
      1000 + 30_000 + 3 * 500 + 1000,
    );
  });
});
