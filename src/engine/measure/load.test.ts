import { describe, expect, it } from 'vitest';
import { measureLoad, type RequestResult } from './load.js';

const t0 = 10_000;
const faultWindows = [{ start: 10_000, end: 12_000 }];

/** One request every 10ms from `from` to `to` (exclusive), failing where `fails(at)` says. */
function requests(
  from: number,
  to: number,
  latencyMs: number,
  fails = (_at: number) => false,
): RequestResult[] {
  const out: RequestResult[] = [];
  for (let at = from; at < to; at += 10) out.push({ at, ok: !fails(at), latencyMs });
  return out;
}

describe('measureLoad', () => {
  it('computes availability in the fault window and over the whole drill', () => {
    // 9..10s baseline ok; 10..12s a 500ms outage; 12..13s ok again.
    const outage = (at: number) => at >= 10_500 && at < 11_000;
    const all = [
      ...requests(9_000, 10_000, 5),
      ...requests(10_000, 12_000, 40, outage),
      ...requests(12_000, 13_000, 5),
    ];
    const load = measureLoad({ t0, faultWindows, requests: all });
    expect(load.requests).toBe(400);
    expect(load.availability.fault).toEqual({ ratio: 0.75, ok: 150, total: 200 });
    expect(load.availability.overall).toEqual({ ratio: 350 / 400, ok: 350, total: 400 });
  });

  it('gives latency percentiles at baseline and during the fault separately', () => {
    const slowTail = requests(10_000, 12_000, 40).map((r, i) => (i >= 190 ? { ...r, latencyMs: 900 } : r));
    const load = measureLoad({ t0, faultWindows, requests: [...requests(9_000, 10_000, 5), ...slowTail] });
    expect(load.latency.baseline).toEqual({ n: 100, p50: 5, p95: 5, p99: 5 });
    expect(load.latency.fault).toEqual({ n: 200, p50: 40, p95: 40, p99: 900 });
  });

  it('treats the end of a fault window as outside it and reports no figures without requests', () => {
    const load = measureLoad({ t0, faultWindows, requests: [{ at: 12_000, ok: false, latencyMs: 1 }] });
    expect(load.availability.fault).toBeNull();
    expect(load.latency.fault).toBeNull();
    expect(load.latency.baseline).toBeNull();
    expect(load.availability.overall).toEqual({ ratio: 0, ok: 0, total: 1 });
  });
});
