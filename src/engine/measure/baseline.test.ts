import { describe, expect, it } from 'vitest';
import { baselineRateFailure } from './baseline.js';
import { steadySignals } from './signals.js';
import { series } from './fake-series.js';

const probes = [{ name: 'api', role: 'steady' as const, interval: 100 }];

describe('baselineRateFailure', () => {
  it('finds a load request sent in the baseline and seen failing by its end', () => {
    const signals = steadySignals({
      samples: series('api', 'steady', 'PPPPP', { interval: 100, start: 1000 }),
      probes,
      requests: [
        { at: 1100, ok: true, latencyMs: 5 },
        { at: 1200, ok: false, latencyMs: 30 },
        { at: 1300, ok: true, latencyMs: 5 },
      ],
    });
    expect(baselineRateFailure(signals, 1000, 1500)).toMatchObject({
      signal: 'load',
      since: 1200,
      detail: 'request failed after 30ms',
    });
  });

  it('finds a failed ledger write, the earliest sent of several failures', () => {
    const signals = steadySignals({
      samples: [],
      probes: [],
      requests: [{ at: 1400, ok: false, latencyMs: 10 }],
      writes: [
        { sentAt: 1050, ackedAt: 1060 },
        { sentAt: 1300, error: 'ERROR: could not extend file', failedAt: 1320 },
      ],
    });
    expect(baselineRateFailure(signals, 1000, 1500)).toMatchObject({
      signal: 'ledger',
      since: 1300,
      detail: 'write not acknowledged: ERROR: could not extend file',
    });
  });

  it('ignores what was sent before the baseline, what is not known failed by its end, and the probes', () => {
    const signals = steadySignals({
      samples: series('api', 'steady', 'FFF', { interval: 100, start: 1000 }),
      probes,
      requests: [
        // Sent during the previous iteration's fault, seen failing during this baseline.
        { at: 900, ok: false, latencyMs: 200 },
        // Sent in the baseline, times out after it ended: no evidence yet.
        { at: 1400, ok: false, latencyMs: 1000 },
      ],
      // Still in flight: no evidence either way.
      writes: [{ sentAt: 1450 }],
    });
    expect(baselineRateFailure(signals, 1000, 1500)).toBeUndefined();
  });
});
