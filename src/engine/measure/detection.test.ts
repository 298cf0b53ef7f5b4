import { describe, expect, it } from 'vitest';
import { findDetection } from './detection.js';
import { series } from './fake-series.js';
import type { ProbeInfo } from './series.js';

const t0 = 1000;
const failover: ProbeInfo = { name: 'failover-reported', role: 'detect', interval: 200 };
const api: ProbeInfo = { name: 'api', role: 'steady', interval: 100 };

describe('findDetection', () => {
  it('measures TTD as the first passing detect sample at or after t0, minus t0', () => {
    // Samples every 200ms from 0: fail until 1200, pass from 1400.
    const samples = series(failover.name, 'detect', 'FFFFFFFPPP', { interval: 200 });
    expect(findDetection({ t0, samples, probes: [api, failover] })).toEqual({
      status: 'measured',
      ms: 400,
      resolution: { ms: 200, basis: 'bracketing samples' },
      at: 1400,
      signal: 'failover-reported',
    });
  });

  it('counts a sample taken exactly at t0', () => {
    const samples = series(failover.name, 'detect', 'FFFFFP', { interval: 200 });
    expect(findDetection({ t0, samples, probes: [failover] })).toMatchObject({ status: 'measured', ms: 0 });
  });

  it("counts a signal between the fault's injection and its verification as TTD 0, saying so", () => {
    // The injector was called at 700; verifying the effect took until t0 = 1000. The system's own
    // signal (a log line, dated at its arrival) came at 900: it detected the fault.
    const samples = [
      ...series(failover.name, 'detect', 'FFFF', { interval: 200 }),
      { ...series(failover.name, 'detect', 'P', { interval: 200 })[0]!, startedAt: 900, scheduledAt: 1000 },
    ];
    expect(findDetection({ t0, faultStartedAt: 700, samples, probes: [failover] })).toEqual({
      status: 'measured',
      ms: 0,
      resolution: { ms: 200, basis: 'bracketing samples' },
      at: 900,
      signal: 'failover-reported',
      note: "failover-reported signalled 100ms before the fault's effect was verified (verifying took 300ms)",
    });
    // Without the injection time, only t0 counts: that signal is not seen.
    expect(findDetection({ t0, samples, probes: [failover] }).status).toBe('not-detected');
  });

  it('flags a detect probe that already passed before the fault', () => {
    const samples = series(failover.name, 'detect', 'PPPPPPP', { interval: 200 });
    const ttd = findDetection({ t0, samples, probes: [failover] });
    expect(ttd).toMatchObject({ status: 'measured', ms: 0 });
    expect(ttd).toHaveProperty(
      'note',
      'detect probe failover-reported already passed before the fault took effect',
    );
  });

  it('is not measured, never guessed, without a detect probe', () => {
    const samples = series(api.name, 'steady', 'PPPPPFFFPPP', { interval: 100 });
    expect(findDetection({ t0, samples, probes: [api] })).toEqual({
      status: 'not-measured',
      reason: 'the scenario has no detect probe',
    });
  });

  it('reports not-detected, distinct from not-measured, when detect probes never pass', () => {
    const samples = series(failover.name, 'detect', 'FFFFFFFFFFFF', { interval: 200 });
    expect(findDetection({ t0, samples, probes: [failover] })).toEqual({
      status: 'not-detected',
      exceeds: 1200,
      reason: 'no detect probe (failover-reported) passed in the 1.20s observed after the fault',
    });
  });

  it('takes the earliest of several detect probes', () => {
    const log: ProbeInfo = { name: 'odown-logged', role: 'detect', interval: 50 };
    const samples = [
      ...series(failover.name, 'detect', 'FFFFFFFPPP', { interval: 200 }),
      ...series(log.name, 'detect', 'FFFFFFFPPP', { interval: 50, start: 1000 }),
    ];
    expect(findDetection({ t0, samples, probes: [failover, log] })).toMatchObject({
      ms: 350,
      resolution: { ms: 50, basis: 'bracketing samples' },
      signal: 'odown-logged',
    });
  });
});

describe('the bound of TTD', () => {
  const probe: ProbeInfo = { name: 'failover-reported', role: 'detect', interval: 200 };

  it('is the gap since the later of the previous sample and the fault start, not the interval', () => {
    // Samples every 200ms: fail at 1000 and 1200, pass at 1400; the fault started at 1300.
    const samples = series(probe.name, 'detect', 'FFFFFFFP', { interval: 200 });
    expect(findDetection({ t0: 1300, faultStartedAt: 1250, samples, probes: [probe] })).toMatchObject({
      ms: 100,
      resolution: { ms: 150, basis: 'bracketing samples' },
    });
  });

  it('is the delivery bound for a log line dated at its arrival, whatever the interval', () => {
    const log: ProbeInfo = { name: 'odown', role: 'detect', interval: 500 };
    const samples = series(log.name, 'detect', 'FFF', { interval: 500 });
    samples.push({
      ...samples[0]!,
      scheduledAt: 1500,
      startedAt: 1234,
      endedAt: 1502,
      ok: true,
      observedEvent: true,
    });
    expect(findDetection({ t0: 1000, samples, probes: [log] })).toMatchObject({
      ms: 234,
      resolution: { ms: 10, basis: 'log line arrival' },
    });
  });
});
