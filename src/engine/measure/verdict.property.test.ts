import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Measurements, TimeMeasurement } from '../../result/index.js';
import { objectiveKeys, type ObjectiveKey } from '../../result/objective-row.js';
import { evaluateObjectives, type ObjectiveTargets } from './objectives.js';
import { decideVerdict } from './verdict.js';

const ms = fc.integer({ min: 0, max: 120_000 });
const timeMeasurement: fc.Arbitrary<TimeMeasurement> = fc.oneof(
  fc.record({
    status: fc.constant('measured' as const),
    ms,
    resolution: fc.record({ ms, basis: fc.constant('bracketing samples' as const) }),
  }),
  fc.record({
    status: fc.constant('not-measured' as const),
    reason: fc.constant('no probe'),
    abortedAtMs: fc.option(ms, { nil: undefined }),
  }),
  fc.record({ status: fc.constant('not-detected' as const), exceeds: ms, reason: fc.constant('never') }),
  fc.record({ status: fc.constant('not-recovered' as const), exceeds: ms, reason: fc.constant('timeout') }),
);
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const availability = fc.option(fc.record({ ratio: fraction, ok: fc.nat(), total: fc.nat() }), { nil: null });
const latency = fc.option(fc.record({ n: fc.nat(), p50: ms, p95: ms, p99: ms }), { nil: null });

const measurements: fc.Arbitrary<Measurements> = fc.record(
  {
    t0: ms,
    signals: fc.constant(['api']),
    impact: fc.constant({ status: 'none' } as const),
    detect: timeMeasurement,
    recover: timeMeasurement,
    recoveryAfterDetection: timeMeasurement,
    total: timeMeasurement,
    recovered: fc.boolean(),
    during: fc.constant([]),
    data: fc.record({
      attempted: fc.nat(),
      acknowledged: fc.nat(),
      lostWrites: fc.nat({ max: 20 }),
      lostIds: fc.constant([]),
      recovered: fc.nat(),
      rpo: timeMeasurement,
    }),
    dataUnavailable: fc.constant('the read-back failed'),
    load: fc.record({
      requests: fc.nat(),
      availability: fc.record({ fault: availability, overall: availability }),
      latency: fc.record({ baseline: latency, fault: latency }),
    }),
  },
  {
    requiredKeys: [
      't0',
      'signals',
      'impact',
      'detect',
      'recover',
      'recoveryAfterDetection',
      'total',
      'recovered',
      'during',
    ],
  },
);
const targetValue = (key: ObjectiveKey) =>
  key === 'availability' ? fraction : key === 'lost_writes' ? fc.nat({ max: 20 }) : ms;
const targets: fc.Arbitrary<ObjectiveTargets> = fc.record(
  Object.fromEntries(objectiveKeys.map((key) => [key, targetValue(key)])) as Record<
    ObjectiveKey,
    fc.Arbitrary<number>
  >,
  { requiredKeys: [] },
);

/** The value each objective reads, as the README defines it (undefined: nothing measured it). */
function measuredValue(key: ObjectiveKey, m: Measurements): number | undefined {
  const time = (t: TimeMeasurement | undefined) => (t?.status === 'measured' ? t.ms : undefined);
  switch (key) {
    case 'detect':
      return time(m.detect);
    case 'recover':
      return time(m.recover);
    case 'total':
      return time(m.total);
    case 'rpo':
      return time(m.data?.rpo);
    case 'lost_writes':
      return m.data?.lostWrites;
    case 'availability':
      return m.load?.availability.fault?.ratio ?? undefined;
    case 'latency_p99':
      return m.load?.latency.fault?.p99 ?? undefined;
  }
}

describe('the verdict (property)', () => {
  it('is passed only if every declared objective was measured and met', () => {
    fc.assert(
      fc.property(measurements, targets, (m, declared) => {
        const rows = evaluateObjectives(declared, m);
        const { verdict } = decideVerdict({ rows, recovered: m.recovered });
        if (verdict !== 'passed') return;
        expect(m.recovered).toBe(true);
        for (const [key, target] of Object.entries(declared) as Array<[ObjectiveKey, number]>) {
          const value = measuredValue(key, m);
          expect(value, `${key} passed without a measurement`).toBeDefined();
          const met = key === 'availability' ? value! >= target : value! <= target;
          expect(met, `${key}: ${value} against ${target}`).toBe(true);
          expect(rows.find((r) => r.objective === key)?.status).toBe('passed');
        }
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  it('is never passed when an objective was not measured, failed, or recovery never came', () => {
    fc.assert(
      fc.property(measurements, targets, (m, declared) => {
        const rows = evaluateObjectives(declared, m);
        const { verdict } = decideVerdict({ rows, recovered: m.recovered });
        const bad = rows.some((r) => r.status !== 'passed') || !m.recovered;
        expect(verdict === 'passed').toBe(!bad);
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });
});
