import { describe, expect, it } from 'vitest';
import { DrillAbortedError } from '../common/errors.js';
import { checkBaseline, type BaselineProbes } from './drill-phases.js';
import { series } from './measure/fake-series.js';
import type { ProbeConfig } from './probe-set.js';

const steady: ProbeConfig = {
  type: 'http',
  name: 'api',
  role: 'steady',
  interval: 100,
  timeout: 1000,
  expect: 'pass',
};

function probesWith(pattern: string): BaselineProbes {
  return {
    samples: series('api', 'steady', pattern, { interval: 100, start: 1000 }),
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
