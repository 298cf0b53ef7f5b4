import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed } from '../common/fuzz-runs.js';
import type { Sample } from '../result/sample.js';
import {
  findDetection,
  findRecovery,
  measure,
  rateRoundMs,
  steadySignals,
  type MeasureInput,
  type RequestResult,
} from './measure/index.js';
import { MeasureScope, type TimelineView } from './measure-scope.js';
import type { ProbeConfig } from './probe-set.js';
import { quietStretch } from './quiet-stretch.js';
import { fakeWatch } from './testing/fake-watch.js';
import { probes as probeKinds } from '../probes/registry.js';

await Promise.all(Object.values(probeKinds).map((kind) => kind.load()));

/**
 * A fault whose steady signals show no impact (a bystander stopped) is held for the whole drill:
 * the recovery watch lets go of what passed meanwhile, yet every figure stays what it is over the
 * whole series, also when an impact or the detection comes late.
 */

const config = (name: string, role: ProbeConfig['role'], interval: number) =>
  ({
    type: 'tcp',
    name,
    role,
    interval,
    timeout: 80,
    expect: 'pass',
    host: '127.0.0.1',
    port: 1,
  }) as ProbeConfig;

const probes = [
  config('api', 'steady', 100),
  config('health', 'steady', 150),
  config('failover', 'detect', 100),
];
const END = 40_000;

interface Drill {
  t0: number;
  /** Per probe (and `load`, by request index): the rounds that fail. */
  failing: (signal: string, interval: number, k: number) => boolean;
  latency: (k: number) => number;
}

const drillArb: fc.Arbitrary<Drill> = fc
  .record({
    t0: fc.integer({ min: 3_000, max: 8_000 }),
    // Most drills see no impact; some see one late, long after the stable window after t0.
    lateImpact: fc.option(fc.integer({ min: 500, max: 30_000 }), { freq: 2 }),
    outageRounds: fc.integer({ min: 1, max: 40 }),
    // The detection: never, early, or late (rounds of 100 ms after t0).
    detectAfter: fc.option(fc.integer({ min: 0, max: 300 })),
    latencyTenths: fc.integer({ min: 1, max: 3_000 }),
  })
  .map((d) => ({
    t0: d.t0,
    failing: (signal: string, interval: number, k: number) => {
      if (signal === 'failover')
        return d.detectAfter === null || k < Math.floor(d.t0 / interval) + d.detectAfter;
      if (d.lateImpact === null) return false;
      const first = Math.floor((d.t0 + d.lateImpact) / interval);
      return k >= first && k < first + d.outageRounds * (100 / Math.min(interval, 100));
    },
    latency: (k: number) => (((k * 7919 + d.latencyTenths) % 3_000) + 1) / 10,
  }));

/** Every sample and request, in the order they arrive (by their end). */
function observations(d: Drill): Array<{ at: number; sample?: Sample; request?: RequestResult }> {
  const all: Array<{ at: number; sample?: Sample; request?: RequestResult }> = [];
  for (const p of probes) {
    for (let k = 0; k * p.interval < END; k++) {
      const startedAt = k * p.interval + (k % 3);
      const endedAt = startedAt + 5 + (k % 7);
      const ok = !d.failing(p.name, p.interval, k);
      const sample: Sample = {
        probe: p.name,
        role: p.role,
        scheduledAt: k * p.interval,
        startedAt,
        endedAt,
        ok,
      };
      all.push({ at: endedAt, sample: ok ? sample : { ...sample, detail: `round ${k}` } });
    }
  }
  for (let k = 0; k * 20 < END; k++) {
    const fails = d.failing('load', 20, k);
    const latencyMs = fails ? 500 : d.latency(k);
    all.push({ at: k * 20 + latencyMs, request: { at: k * 20, ok: !fails, latencyMs } });
  }
  return all.sort((a, b) => a.at - b.at);
}

const timeline = (t0: number): TimelineView => ({
  firstEffectAt: () => t0,
  activeWindows: () => [{ start: t0, end: undefined }],
  records: new Map([['f1', { startedAt: t0 - 10, effectAt: t0 }]]),
});

function baseInput(d: Drill): Omit<MeasureInput, 'samples'> {
  const faultWindows = [{ start: d.t0, end: END }];
  return {
    t0: d.t0,
    faultStartedAt: d.t0 - 10,
    probes,
    stableFor: 3,
    recoverTimeoutMs: 60_000,
    faultWindows,
    rateSettleMs: 500,
  };
}

/** Runs the drill as the engine keeps it, the recovery watch skipping quiet stretches every 100 ms. */
function measureWatched(d: Drill) {
  const all = observations(d);
  // What the samplers and the load know: no observation still to come is dated before this.
  const pendingFrom = new Array<number>(all.length + 1).fill(Infinity);
  for (let i = all.length - 1; i >= 0; i--)
    pendingFrom[i] = Math.min(pendingFrom[i + 1]!, all[i]!.sample?.startedAt ?? all[i]!.request!.at);
  const scope = new MeasureScope(undefined, 1_000);
  const { clock, set, store } = fakeWatch(probes, scope);
  let nextRound = d.t0;
  let held = 0;
  all.forEach((o, i) => {
    clock.t = o.at;
    if (o.at >= d.t0 - 20 && scope.starts().length === 0) scope.open(d.t0 - 20, timeline(d.t0));
    if (o.at >= nextRound) {
      nextRound += 100;
      const q = { ...baseInput(d), samples: set.samples, roundMs: rateRoundMs(probes) };
      const signals = steadySignals({ ...q, requests: store.signalRequests() });
      const recovery = findRecovery({ ...q, signals });
      const quiet = quietStretch({
        ...q,
        signals,
        recovery,
        detection: findDetection(q),
        pendingFrom: pendingFrom[i]!,
      });
      if (quiet) scope.skip(quiet.after, quiet.before);
    }
    if (o.sample) set.record(o.sample);
    if (o.request) store.add([o.request]);
    held = Math.max(held, set.samples.length + store.signalRequests().length);
  });
  scope.stopFolding();
  const loadTally = store.tally(0);
  const measured = measure({
    ...baseInput(d),
    samples: set.samples,
    requests: store.keptIn(-Infinity, Infinity),
    signalRequests: store.signalRequests(),
    ...(loadTally && { loadTally }),
  });
  const full = measure({
    ...baseInput(d),
    samples: all.flatMap((o) => (o.sample ? [o.sample] : [])),
    requests: all.flatMap((o) => (o.request ? [o.request] : [])),
  });
  return { measured, full, held, observed: all.length };
}

describe('a held fault without impact keeps only what a later impact or detection could need', () => {
  it('measures exactly what it would over the whole series, its memory bounded while nothing fails', () => {
    let quiet = 0;
    fc.assert(
      fc.property(drillArb, (d) => {
        const { measured, full, held, observed } = measureWatched(d);
        expect(measured).toEqual(full);
        if (full.impact.status === 'none') {
          quiet++;
          // 35 s of a held fault: ~1,750 requests and ~930 steady and detect samples went by.
          // Kept: the window after t0, each signal's last few before each gap, what is still
          // pending, and one batch (an eighth of what is held, at least 40 here): at most 262 in
          // 300 cases of 4 seeds. Keeping all from the fault's start held 2,500 to 2,900.
          expect(held).toBeLessThan(350);
          expect(observed).toBeGreaterThan(3_000);
        }
      }),
      { seed: fuzzSeed, numRuns: fuzzRuns(30) },
    );
    expect(quiet).toBeGreaterThan(0);
  }, 120_000);
});
