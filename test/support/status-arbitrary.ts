import fc from 'fast-check';
import { anyNumber, hostileString } from './result-arbitrary.js';
import { objectiveKeys } from '../../src/result/index.js';
import {
  rowStatuses,
  type MttrRow,
  type StatusReport,
  type StatusRow,
} from '../../src/status/status-report.js';

const runLink = fc.record(
  {
    runId: hostileString,
    scenario: hostileString,
    dir: hostileString,
    startedAt: fc.oneof(hostileString, fc.constant('2026-12-07T20:00:00.000Z')),
    report: hostileString,
  },
  { requiredKeys: ['runId', 'scenario', 'dir', 'startedAt'] },
);

const time = fc.option(
  fc.record({
    n: fc.nat(),
    mean: anyNumber,
    p50: anyNumber,
    p95: anyNumber,
    p99: anyNumber,
    max: anyNumber,
    exceeded: fc.nat(3),
    atLeast: fc.record({
      mean: fc.boolean(),
      p50: fc.boolean(),
      p95: fc.boolean(),
      p99: fc.boolean(),
      max: fc.boolean(),
    }),
  }),
  { nil: null },
);

/** Any row as a hostile table and history could make it: every text field drawn from hostileString. */
export const statusRowArbitrary: fc.Arbitrary<StatusRow> = fc
  .record({
    table: hostileString,
    class: hostileString,
    name: hostileString,
    protects: fc.option(hostileString, { nil: undefined }),
    objective: fc.constantFrom(...objectiveKeys),
    unit: fc.constantFrom('ms' as const, 'count' as const, 'fraction' as const),
    comparison: fc.constantFrom('<=' as const, '>=' as const),
    target: anyNumber,
    claim: fc.option(anyNumber, { nil: undefined }),
    tier: fc.option(fc.record({ name: hostileString, periodMs: fc.nat() }), { nil: undefined }),
    last: fc.option(
      fc.record({ value: fc.option(anyNumber, { nil: null }), exceeded: fc.boolean(), run: runLink }),
      {
        nil: undefined,
      },
    ),
    period: fc.option(
      fc.record({
        n: fc.nat(),
        runs: fc.nat(),
        p50: anyNumber,
        tail: anyNumber,
        worst: anyNumber,
        atLeast: fc.record({ p50: fc.boolean(), tail: fc.boolean(), worst: fc.boolean() }),
      }),
      { nil: undefined },
    ),
    conditions: fc.uniqueArray(fc.constantFrom(...rowStatuses), { minLength: 1, maxLength: 3 }),
    failedRun: fc.option(runLink, { nil: undefined }),
    reason: hostileString,
  })
  .map((row) => {
    const clean = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
    return { ...clean, status: row.conditions[0]! } as StatusRow;
  });

const mttrRow: fc.Arbitrary<MttrRow> = fc.record({
  table: hostileString,
  class: hostileString,
  name: hostileString,
  runs: fc.nat(),
  ttd: time,
  ttr: time,
});

export const statusReportArbitrary: fc.Arbitrary<StatusReport> = fc.record({
  schema: fc.constant('firedrill.status/v1' as const),
  generatedAt: fc.constant('2026-12-07T21:00:00.000Z'),
  since: fc.record({ ms: fc.nat(), from: fc.constant('2026-09-08T21:00:00.000Z'), text: hostileString }),
  tables: fc.array(hostileString, { minLength: 1, maxLength: 2 }),
  rto: fc.array(statusRowArbitrary, { maxLength: 4 }),
  rpo: fc.array(statusRowArbitrary, { maxLength: 3 }),
  mttr: fc.array(mttrRow, { maxLength: 3 }),
});
