import { describe, expect, it } from 'vitest';
import { series } from './fake-series.js';
import { measure } from './measurements.js';
import { evaluateSoak, formatPer } from './soak.js';
import type { RequestResult } from './load.js';

const probes = [
  { name: 'api', role: 'steady' as const, interval: 1000 },
  { name: 'minority', role: 'during' as const, interval: 1000, expect: 'fail' as const },
];

/** A fault held 3 windows of 10 s from t0 = 5 s; the minority lets one write through in the second. */
function soakDrill(requestOk: (at: number) => boolean) {
  const minority = series('minority', 'during', 'F'.repeat(40), { interval: 1000, start: 0 });
  minority[20] = { ...minority[20]!, ok: true };
  const requests: RequestResult[] = Array.from({ length: 400 }, (_, k) => ({
    at: k * 100,
    ok: requestOk(k * 100),
    latencyMs: 5,
  }));
  return measure({
    t0: 5000,
    samples: [...series('api', 'steady', 'P'.repeat(40), { interval: 1000 }), ...minority],
    probes,
    recoverTimeoutMs: 60_000,
    faultWindows: [{ start: 5000, end: 35_000 }],
    requests,
    perMs: 10_000,
  });
}

describe('soak objectives: judged in every window of the fault', () => {
  it('counts each window from t0, and fails the window that broke, naming it', () => {
    const m = soakDrill((at) => !(at >= 27_000 && at < 27_300));
    expect(m.soak?.availability).toEqual([
      { from: 0, to: 10_000, ok: 100, total: 100 },
      { from: 10_000, to: 20_000, ok: 100, total: 100 },
      { from: 20_000, to: 30_000, ok: 97, total: 100 },
    ]);
    // Samples that ran entirely in the fault: started at 5 s..34 s (the 35 s one ends after it).
    expect(m.soak?.during).toEqual([
      {
        probe: 'minority',
        windows: [
          { from: 0, to: 10_000, ok: 10, total: 10 },
          { from: 10_000, to: 20_000, ok: 9, total: 10 },
          { from: 20_000, to: 30_000, ok: 10, total: 10 },
        ],
      },
    ]);
    const rows = evaluateSoak({ per: 10_000, availability: 0.99, during: 1 }, m.soak);
    expect(rows.map((r) => [r.objective, r.status, r.measured])).toEqual([
      ['availability per 10s', 'failed', 0.97],
      ['during minority per 10s', 'failed', 0.9],
    ]);
    expect(rows[0]?.reason).toBe(
      '1 of 3 windows below 99.00%; worst +20.0s..+30.0s: 97.00% (97 of 100 load requests)',
    );
    // Over the whole fault the load held 99%: only the per-window row sees the bad window.
    expect(m.load?.availability.fault?.ratio).toBe(0.99);
  });

  it('passes when every window holds, and is not measured without observations', () => {
    const m = soakDrill(() => true);
    const rows = evaluateSoak({ per: 10_000, availability: 0.999 }, m.soak);
    expect(rows).toEqual([
      expect.objectContaining({ objective: 'availability per 10s', status: 'passed', measured: 1 }),
    ]);
    expect(evaluateSoak({ per: 3_600_000, availability: 0.999 }, undefined)).toEqual([
      expect.objectContaining({ objective: 'availability per 1h', status: 'not-measured' }),
    ]);
  });

  it('writes window lengths as a scenario would', () => {
    expect([3_600_000, 1_800_000, 90_000, 1500].map(formatPer)).toEqual(['1h', '30m', '90s', '1.50s']);
  });
});
