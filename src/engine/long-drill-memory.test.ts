import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed } from '../common/fuzz-runs.js';
import type { Clock } from '../common/clock.js';
import { createLogger } from '../common/logger.js';
import type { Sample } from '../result/sample.js';
import { measure, type MeasureInput, type RequestResult } from './measure/index.js';
import { fakeWatch } from './testing/fake-watch.js';
import { MeasureScope, type TimelineView } from './measure-scope.js';
import { ProbeSet, type ProbeConfig } from './probe-set.js';
import { RequestStore } from './request-store.js';
import { probes as probeKinds } from '../probes/registry.js';

// The ProbeSet builds its probes synchronously: their plugins are loaded first, as a run does.
await Promise.all(Object.values(probeKinds).map((kind) => kind.load()));

/**
 * The memory bound must not change a figure: a drill measured over everything it observed and
 * the same drill measured over what a long drill keeps (pruned, folded) give the same result.
 * The thresholds are set tiny so pruning and folding happen many times within a short series.
 */

const config = (
  name: string,
  role: ProbeConfig['role'],
  interval: number,
  expect: 'pass' | 'fail' = 'pass',
) => ({ type: 'tcp', name, role, interval, timeout: 80, expect, host: '127.0.0.1', port: 1 }) as ProbeConfig;

const probes = [
  config('api', 'steady', 100),
  config('health', 'steady', 150),
  config('failover', 'detect', 100),
  config('minority', 'during', 100, 'fail'),
];

interface Drill {
  t0: number;
  revertAt: number;
  /** Per probe: the rounds (from 0) that fail. */
  failing: Map<string, (k: number) => boolean>;
  requestFails: (k: number) => boolean;
  latency: (k: number) => number;
}

const drillArb: fc.Arbitrary<Drill> = fc
  .record({
    t0: fc.integer({ min: 3_000, max: 8_000 }),
    hold: fc.integer({ min: 2_000, max: 30_000 }),
    outageRounds: fc.integer({ min: 0, max: 80 }),
    detectAfter: fc.integer({ min: 0, max: 100 }),
    flaky: fc.integer({ min: 0, max: 200 }),
    minorityLeaks: fc.integer({ min: 0, max: 3 }),
    latencyTenths: fc.integer({ min: 1, max: 3_000 }),
  })
  .map((d) => {
    const faultRound = (interval: number): number => Math.floor(d.t0 / interval);
    const outage = (interval: number) => (k: number) =>
      k >= faultRound(interval) && k < faultRound(interval) + d.outageRounds;
    const flaky = (k: number): boolean => d.flaky > 0 && k % (d.flaky + 37) === 5;
    return {
      t0: d.t0,
      revertAt: d.t0 + d.hold,
      failing: new Map<string, (k: number) => boolean>([
        ['api', (k) => outage(100)(k) || flaky(k)],
        ['health', outage(150)],
        ['failover', (k) => !(k >= faultRound(100) + d.detectAfter)],
        // The minority must refuse (fail): a few leaks pass.
        ['minority', (k) => !(d.minorityLeaks > 0 && k % 97 === d.minorityLeaks)],
      ]),
      requestFails: (k: number) => outage(20)(k) || flaky(k + 3),
      latency: (k: number) => (((k * 7919 + d.latencyTenths) % 3_000) + 1) / 10,
    };
  });

const END = 40_000;

/** Every sample and request of the drill, in the order they arrive (by their end). */
function observations(d: Drill): Array<{ at: number; sample?: Sample; request?: RequestResult }> {
  const all: Array<{ at: number; sample?: Sample; request?: RequestResult }> = [];
  for (const p of probes) {
    for (let k = 0; k * p.interval < END; k++) {
      const startedAt = k * p.interval + (k % 3);
      const endedAt = startedAt + 5 + (k % 7);
      const ok = !d.failing.get(p.name)!(k);
      const sample: Sample = {
        probe: p.name,
        role: p.role,
        scheduledAt: k * p.interval,
        startedAt,
        endedAt,
        ok,
        ...(!ok && { detail: `HTTP 503 round ${k}` }),
      };
      all.push({ at: endedAt, sample });
    }
  }
  for (let k = 0; k * 20 < END; k++) {
    const latencyMs = d.requestFails(k) ? 500 : d.latency(k);
    all.push({ at: k * 20 + latencyMs, request: { at: k * 20, ok: !d.requestFails(k), latencyMs } });
  }
  return all.sort((a, b) => a.at - b.at);
}

function timelineAt(d: Drill, clock: { now(): number }): TimelineView {
  return {
    firstEffectAt: () => (clock.now() >= d.t0 ? d.t0 : undefined),
    activeWindows: () =>
      clock.now() >= d.t0 ? [{ start: d.t0, end: clock.now() >= d.revertAt ? d.revertAt : undefined }] : [],
    get records() {
      const now = clock.now();
      const started = now >= d.t0 - 10;
      return new Map([
        ['f1', { ...(started && { startedAt: d.t0 - 10 }), ...(now >= d.t0 && { effectAt: d.t0 }) }],
      ]);
    },
  };
}

function baseInput(d: Drill): Omit<MeasureInput, 'samples'> {
  return {
    t0: d.t0,
    faultStartedAt: d.t0 - 10,
    probes,
    stableFor: 3,
    recoverTimeoutMs: 60_000,
    faultWindows: [{ start: d.t0, end: d.revertAt }],
    rateSettleMs: 500,
    perMs: 5_000,
  };
}

function measureLong(d: Drill, closeAt: number | undefined) {
  const scope = new MeasureScope(5_000, 1_000);
  const { clock, set, store } = fakeWatch(probes, scope);
  let opened = false;
  for (const o of observations(d)) {
    clock.t = o.at;
    if (!opened && clock.t >= d.t0 - 20) {
      scope.open(d.t0 - 20, timelineAt(d, clock));
      opened = true;
    }
    if (closeAt !== undefined && clock.t >= closeAt) scope.close(closeAt);
    if (o.sample) set.record(o.sample);
    if (o.request) store.add([o.request]);
  }
  scope.stopFolding();
  const tallies = set.duringTallies(0);
  const loadTally = store.tally(0);
  return {
    measured: measure({
      ...baseInput(d),
      samples: set.samples,
      requests: store.keptIn(-Infinity, Infinity),
      signalRequests: store.signalRequests(),
      ...(loadTally && { loadTally }),
      ...(tallies && { duringTallies: tallies }),
    }),
    kept: set.samples.length + store.signalRequests().length + store.keptIn(-Infinity, Infinity).length,
    folded: Boolean(tallies && loadTally),
  };
}

describe('a long drill keeps only what the measurements need', () => {
  it('measures exactly what it would over the whole series, while keeping far fewer observations', () => {
    fc.assert(
      fc.property(drillArb, (d) => {
        const all = observations(d);
        const full = measure({
          ...baseInput(d),
          samples: all.flatMap((o) => (o.sample ? [o.sample] : [])),
          requests: all.flatMap((o) => (o.request ? [o.request] : [])),
        });
        // As the recovery watch does: stop keeping once recovered (window settled) and detected.
        const { recover, detect } = full;
        const decidedAt =
          recover.status === 'measured' && full.impact.status === 'impact' && detect.status === 'measured'
            ? full.t0 + Math.max(recover.ms, detect.ms) + 3 * 150 + 500 + 1_000
            : undefined;
        const long = measureLong(d, decidedAt);
        expect(long.measured).toEqual(full);
        expect(long.folded).toBe(true);
        if (decidedAt !== undefined) expect(long.kept).toBeLessThan(all.length * 0.75);
      }),
      { seed: fuzzSeed, numRuns: fuzzRuns(15) },
    );
  }, 120_000);

  it('holds as many observations after two hours of a held fault as after one', () => {
    const clock = { t: 0, now: () => clock.t };
    const scope = new MeasureScope(3_600_000);
    const set = new ProbeSet(probes, {
      clock: clock as unknown as Clock,
      logger: createLogger({ level: 'silent' }),
      context: {} as never,
      signal: new AbortController().signal,
      onSample: () => undefined,
      scope,
    });
    const store = new RequestStore(scope, clock);
    const d: Drill = {
      t0: 60_000,
      revertAt: 3 * 3_600_000,
      failing: new Map(
        probes.map((p) => [p.name, () => p.role === 'during']) as Array<[string, () => boolean]>,
      ),
      requestFails: () => false,
      latency: () => 12.5,
    };
    set.beginIteration(0, 0);
    const kept: number[] = [];
    for (let t = 0; t < 2 * 3_600_000; t += 50) {
      clock.t = t + 10;
      if (t === 60_000 - 50) scope.open(t, timelineAt(d, clock));
      if (t === 120_000) scope.close(t);
      for (const p of probes)
        set.record({
          probe: p.name,
          role: p.role,
          scheduledAt: t,
          startedAt: t,
          endedAt: t + 10,
          ok: p.role !== 'during',
        });
      store.add([{ at: t, ok: true, latencyMs: 10 }]);
      if (t === 3_600_000 - 50 || t === 2 * 3_600_000 - 50)
        kept.push(
          set.samples.length + store.signalRequests().length + store.keptIn(-Infinity, Infinity).length,
        );
    }
    // 720 000 samples and 144 000 requests went by; what stays is bounded by the thresholds.
    expect(kept[0]).toBeLessThan(80_000);
    expect(kept[1]).toBeLessThan(80_000);
    const during = set.duringTallies(0)?.get('minority');
    expect(during?.inFault).toBeGreaterThan(130_000);
    expect(during?.violations).toBe(0);
  }, 120_000);
});
