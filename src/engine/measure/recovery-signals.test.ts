import { describe, expect, it } from 'vitest';
import { series } from './fake-series.js';
import { measure } from './measurements.js';
import { findRecovery } from './recovery.js';
import type { ProbeInfo } from './series.js';
import type { RequestResult } from './load.js';
import { rateRoundMs, steadySignals, type LedgerWriteOutcome, type SignalSources } from './signals.js';

const api: ProbeInfo = { name: 'api', role: 'steady', interval: 100 };
const t0 = 1000;

/** Load requests, one per character every `gap` ms from `start`: `P` ok, `F` failed, `.` none. */
function requests(pattern: string, { start = 0, gap = 50 } = {}): RequestResult[] {
  return [...pattern].flatMap((c, k) =>
    c === '.' ? [] : [{ at: start + k * gap, ok: c === 'P', latencyMs: 5 }],
  );
}

/** Ledger writes: `A` acknowledged, `E` failed (not acknowledged), `~` still in flight. */
function writes(pattern: string, { start = 0, gap = 100 } = {}): LedgerWriteOutcome[] {
  return [...pattern].map((c, k) => {
    const sentAt = start + k * gap;
    if (c === 'A') return { sentAt, ackedAt: sentAt + 3 };
    if (c === 'E') return { sentAt, error: 'ENOSPC: no space left on device' };
    return { sentAt };
  });
}

function recover(input: SignalSources & { recoverTimeoutMs?: number; stableFor?: number }) {
  const signals = steadySignals(input);
  return findRecovery({
    t0,
    recoverTimeoutMs: input.recoverTimeoutMs ?? 10_000,
    signals,
    roundMs: rateRoundMs(input.probes, input.selected),
    ...(input.stableFor !== undefined && { stableFor: input.stableFor }),
  });
}

const healthyProbe = series('api', 'steady', 'P'.repeat(40), { interval: 100 });

describe('impact and recovery from load requests', () => {
  // 20 req/s: requests every 50ms; those of 1000..1600 fail, as through a balancer whose one
  // backend hangs, while the steady probe keeps reaching the healthy backend.
  const load = requests('P'.repeat(20) + 'F'.repeat(13) + 'P'.repeat(40));

  it('marks impact and recovery on `load` when no steady probe failed (TTR > 0)', () => {
    const m = measure({
      t0,
      samples: healthyProbe,
      probes: [api],
      recoverTimeoutMs: 10_000,
      faultWindows: [{ start: t0, end: 3000 }],
      requests: load,
    });
    expect(m.signals).toEqual(['api', 'load']);
    expect(m.impact).toMatchObject({ status: 'impact', at: 1000, signal: 'load' });
    expect(m.recover).toMatchObject({
      status: 'measured',
      // The first request of the window was sent at 1650 and answered 5ms later.
      ms: 655,
      signal: 'load',
      // Between the last failure (the request sent at 1600, seen failing at 1605) and that answer.
      resolution: { ms: 50, basis: 'bracketing samples' },
    });
  });

  it('dates a request sent into the fault that succeeds once it is gone at its answer, not its start', () => {
    // Sent at 1500 while the path is slow; answered at 2100, after the fault ended at 2000.
    const slow = [
      ...requests('P'.repeat(20) + 'F'.repeat(10)),
      { at: 1500, ok: true, latencyMs: 600 },
      ...requests('P'.repeat(30), { start: 2100 }),
    ];
    expect(recover({ samples: healthyProbe, probes: [api], requests: slow })).toMatchObject({
      status: 'recovered',
      at: 2100,
      signal: 'load',
    });
  });

  it('ignores the load when `recovery.signals` leaves it out', () => {
    expect(
      recover({ samples: healthyProbe, probes: [api], requests: load, selected: ['api'] }),
    ).toMatchObject({
      status: 'no-impact',
    });
  });

  it('needs the load to hold over stable_for rounds of the fastest steady probe, not just 3 requests', () => {
    // 1650, 1700, 1750 pass; 1800 fails: inside the 3-round (1655..1855) window, so 1655 is no t_r.
    const flapping = requests('P'.repeat(20) + 'F'.repeat(13) + 'PPP' + 'F' + 'P'.repeat(30));
    expect(recover({ samples: healthyProbe, probes: [api], requests: flapping })).toMatchObject({
      status: 'recovered',
      at: 1855,
      signal: 'load',
    });
  });

  it('is pending while the load has not yet been seen through its last round', () => {
    const short = requests('P'.repeat(20) + 'F'.repeat(13) + 'PPP');
    expect(recover({ samples: healthyProbe, probes: [api], requests: short })).toMatchObject({
      status: 'not-recovered',
      pending: true,
    });
  });
});

describe('impact and recovery from ledger writes', () => {
  it('marks impact and recovery on `ledger` while the steady probe passes (disk full)', () => {
    // Writes every 100ms; those sent 1000..1500 are refused.
    const ledger = writes('A'.repeat(10) + 'E'.repeat(6) + 'A'.repeat(20));
    const m = measure({
      t0,
      samples: healthyProbe,
      probes: [api],
      recoverTimeoutMs: 10_000,
      faultWindows: [{ start: t0, end: 3000 }],
      writes: ledger,
    });
    expect(m.impact).toMatchObject({
      status: 'impact',
      at: 1000,
      signal: 'ledger',
      detail: 'write not acknowledged: ENOSPC: no space left on device',
    });
    // The first write sent at 1600 was acknowledged at 1603.
    expect(m.recover).toMatchObject({ status: 'measured', ms: 603, signal: 'ledger' });
  });

  it('takes a write still in flight as no evidence either way', () => {
    const ledger = writes('A'.repeat(10) + '~~' + 'A'.repeat(10));
    expect(recover({ samples: healthyProbe, probes: [api], writes: ledger })).toMatchObject({
      status: 'no-impact',
    });
  });
});

describe('the bounds of impact and recovery', () => {
  it('brackets t_r by the last failure of any signal, finer than the slow probe interval', () => {
    const slow: ProbeInfo = { name: 'write', role: 'steady', interval: 1000 };
    const fast: ProbeInfo = { name: 'health', role: 'steady', interval: 100 };
    // write fails at 1000 and passes from 2000; health fails 1000..1900 and passes from 2000.
    const samples = [
      ...series('write', 'steady', 'PFPPPP', { interval: 1000 }),
      ...series('health', 'steady', 'P'.repeat(10) + 'F'.repeat(10) + 'P'.repeat(40), { interval: 100 }),
    ];
    const r = recover({ samples, probes: [slow, fast] });
    expect(r).toMatchObject({ status: 'recovered', at: 2000, resolution: { ms: 100 } });
  });

  it('bounds the impact by the previous observation or t0, whichever is later', () => {
    const samples = series('api', 'steady', 'P'.repeat(11) + 'FFPPPPP', { interval: 100 });
    const r = findRecovery({
      t0: 1050,
      recoverTimeoutMs: 10_000,
      signals: steadySignals({ samples, probes: [api] }),
      roundMs: 100,
    });
    expect(r).toMatchObject({ impact: { at: 1100, resolution: { ms: 50, basis: 'bracketing samples' } } });
  });
});

describe('requests that fail only at their timeout', () => {
  it('break every window they overlap, though they are seen failing after it', () => {
    // Every other request (to the slow backend) is sent every 50ms from 1000 to 1950 and times
    // out 500ms later; the others answer in 5ms. The last failure is seen at 1950 + 500.
    const mixed: RequestResult[] = [];
    for (let at = 0; at < 4000; at += 25) {
      const slow = at % 50 === 25 && at >= 1000 && at < 2000;
      mixed.push({ at, ok: !slow, latencyMs: slow ? 500 : 5 });
    }
    const r = recover({ samples: healthyProbe, probes: [api], requests: mixed });
    expect(r).toMatchObject({ status: 'recovered', signal: 'load', impact: { at: 1025, signal: 'load' } });
    if (r.status !== 'recovered') throw new Error('not recovered');
    // t_r: the first answer after the last request sent into the fault was seen failing (2475).
    expect(r.at).toBe(2480);
  });
});
