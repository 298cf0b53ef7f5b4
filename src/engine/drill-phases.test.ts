import { describe, expect, it } from 'vitest';
import { DrillAbortedError } from '../common/errors.js';
import { FakeClock } from '../common/fake-clock.js';
import { awaitBaselineSamples, checkBaseline, type BaselineProbes } from './drill-phases.js';
import { series } from './measure/fake-series.js';
import type { ProbeConfig } from './probe-set.js';
import type { Sample } from '../result/index.js';

const steady: ProbeConfig = {
  type: 'http',
  name: 'api',
  role: 'steady',
  interval: 100,
  timeout: 1000,
  expect: 'pass',
};

/** Probes whose iteration holds `samples` (a test may push more): counted as a ProbeSet counts them. */
function probesWith(pattern: string): BaselineProbes & { samples: Sample[] } {
  const samples = series('api', 'steady', pattern, { interval: 100, start: 1000 });
  return {
    configs: [steady],
    samples,
    baseline: (name) => {
      const mine = samples.filter((s) => s.probe === name);
      const firstFailure = mine.find((s) => !s.ok);
      return { samples: mine.length, ...(firstFailure && { firstFailure }) };
    },
    skippedTicks: () => new Map([['api', 0]]),
    withRole: (role) => (role === 'steady' ? [steady] : []),
  };
}

function abortReason(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DrillAbortedError) return `${error.message} | ${error.hint ?? ''}`;
    throw error;
  }
  return 'no abort';
}

describe('checkBaseline', () => {
  it('passes a baseline whose probes, load and ledger all held', () => {
    const traffic = {
      requests: [{ at: 1100, ok: true, latencyMs: 4 }],
      writes: [{ sentAt: 1100, ackedAt: 1110 }],
      settleMs: 1000,
    };
    expect(abortReason(() => checkBaseline(probesWith('PPPPP'), 1000, 1500, traffic))).toBe('no abort');
  });

  it('aborts, naming the load, when a load request failed although every probe passed', () => {
    const traffic = { requests: [{ at: 1200, ok: false, latencyMs: 1000 }], settleMs: 1000 };
    expect(abortReason(() => checkBaseline(probesWith('PPPPPPPPPPPPPPP'), 1000, 2500, traffic))).toBe(
      'the steady state did not hold during the baseline: load failed (request failed after 1000ms) | ' +
        'the system must serve the load before a fault is injected; check the load section (url, timeout) and the target',
    );
  });

  it('aborts, naming the ledger, when a ledger write failed although every probe passed', () => {
    const traffic = {
      writes: [
        { sentAt: 1100, ackedAt: 1105 },
        { sentAt: 1200, error: 'No space left on device', failedAt: 1210 },
      ],
      settleMs: 1000,
    };
    expect(abortReason(() => checkBaseline(probesWith('PPPPP'), 1000, 1500, traffic))).toMatch(
      /^the steady state did not hold during the baseline: ledger failed \(write not acknowledged: No space left on device\) \| the system must take the ledger's writes/,
    );
  });

  it('still names a failing steady probe first', () => {
    const traffic = { requests: [{ at: 1100, ok: false, latencyMs: 5 }], settleMs: 1000 };
    expect(abortReason(() => checkBaseline(probesWith('PPFPP'), 1000, 1500, traffic))).toMatch(
      /^the steady state did not hold during the baseline: api failed \(HTTP 503\)/,
    );
  });
});

describe('awaitBaselineSamples', () => {
  // A steady check slower than the baseline (an exec probe on a busy machine): 2s baseline, the
  // first check still running at its end.
  const slow: ProbeConfig = { ...steady, interval: 500, timeout: 3000 };

  it('waits for a steady check still running at the end of the baseline, then its sample counts', async () => {
    const clock = new FakeClock();
    const probes = { ...probesWith(''), configs: [slow], withRole: () => [slow] };
    let done = false;
    const waiting = awaitBaselineSamples(probes, 0, 2000, clock, new AbortController().signal).then(
      () => (done = true),
    );
    await clock.advance(2000);
    expect(done).toBe(false);
    // The check that started at 0 ends at 2600 and is recorded.
    await clock.advance(600);
    probes.samples.push({
      probe: 'api',
      role: 'steady',
      scheduledAt: 0,
      startedAt: 0,
      endedAt: 2600,
      ok: true,
    });
    await clock.advance(50);
    await waiting;
    expect(done).toBe(true);
    expect(clock.now()).toBeLessThan(2700);
    expect(() => checkBaseline(probes, 0, clock.now())).not.toThrow();
  });

  it("gives up once a check in flight since the baseline's start and the next one could have ended", async () => {
    const clock = new FakeClock();
    const probes = { ...probesWith(''), configs: [slow], withRole: () => [slow] };
    let done = false;
    const waiting = awaitBaselineSamples(probes, 0, 2000, clock, new AbortController().signal).then(
      () => (done = true),
    );
    // The check started at 0 ends by 3000; the next tick's (by 3500) by 6500; three such rounds.
    await clock.advance(13400);
    expect(done).toBe(false);
    await clock.advance(100);
    await waiting;
    expect(done).toBe(true);
    expect(abortReason(() => checkBaseline(probes, 0, clock.now()))).toMatch(
      /^steady probe api took no sample during the baseline/,
    );
  });
});
