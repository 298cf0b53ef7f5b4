import { describe, expect, it } from 'vitest';
import type { Measurements } from './measurements.js';
import { evaluateObjectives } from './objectives.js';

function measurements(overrides: Partial<Measurements> = {}): Measurements {
  return {
    t0: 1000,
    signals: ['api'],
    impact: {
      status: 'impact',
      at: 1000,
      signal: 'api',
      resolution: { ms: 100, basis: 'bracketing samples' },
    },
    detect: {
      status: 'measured',
      ms: 2000,
      resolution: { ms: 250, basis: 'bracketing samples' },
      at: 3000,
      signal: 'failover',
    },
    recover: {
      status: 'measured',
      ms: 5000,
      resolution: { ms: 100, basis: 'bracketing samples' },
      at: 6000,
      signal: 'api',
    },
    recoveryAfterDetection: {
      status: 'measured',
      ms: 3000,
      resolution: { ms: 350, basis: 'bracketing samples' },
    },
    total: {
      status: 'measured',
      ms: 5000,
      resolution: { ms: 100, basis: 'bracketing samples' },
      at: 6000,
      signal: 'api',
    },
    recovered: true,
    during: [],
    data: {
      attempted: 100,
      acknowledged: 98,
      lostWrites: 2,
      lostIds: [7, 8],
      recovered: 0,
      rpo: { status: 'measured', ms: 400, resolution: { ms: 0, basis: 'bracketing samples' } },
    },
    load: {
      requests: 1000,
      availability: {
        fault: { ratio: 0.99, ok: 99, total: 100 },
        overall: { ratio: 0.999, ok: 999, total: 1000 },
      },
      latency: {
        baseline: { n: 900, p50: 5, p95: 9, p99: 12 },
        fault: { n: 100, p50: 40, p95: 300, p99: 800 },
      },
    },
    ...overrides,
  };
}

const statuses = (rows: { objective: string; status: string }[]) =>
  Object.fromEntries(rows.map((r) => [r.objective, r.status]));

describe('evaluateObjectives', () => {
  it('passes every objective measured exactly at its target', () => {
    const rows = evaluateObjectives(
      {
        detect: 2000,
        recover: 5000,
        total: 5000,
        rpo: 400,
        lost_writes: 2,
        availability: 0.99,
        latency_p99: 800,
      },
      measurements(),
    );
    expect(rows.map((r) => r.objective)).toEqual([
      'detect',
      'recover',
      'total',
      'rpo',
      'lost_writes',
      'availability',
      'latency_p99',
    ]);
    expect(rows.every((r) => r.status === 'passed')).toBe(true);
    expect(rows[0]).toEqual({
      objective: 'detect',
      kind: 'detect',
      unit: 'ms',
      comparison: '<=',
      target: 2000,
      measured: 2000,
      status: 'passed',
      resolution: { ms: 250, basis: 'bracketing samples' },
      signal: 'failover',
    });
  });

  it('fails every objective missed by the smallest step', () => {
    const rows = evaluateObjectives(
      {
        detect: 1999,
        recover: 4999,
        total: 4999,
        rpo: 399,
        lost_writes: 1,
        availability: 0.991,
        latency_p99: 799,
      },
      measurements(),
    );
    expect(rows.every((r) => r.status === 'failed')).toBe(true);
    expect(rows.find((r) => r.objective === 'recover')).toMatchObject({
      measured: 5000,
      reason: 'measured 5000ms is above the target 4999ms',
    });
    expect(rows.find((r) => r.objective === 'availability')?.reason).toBe(
      'measured 99.00% is below the target 99.10%',
    );
    expect(rows.find((r) => r.objective === 'lost_writes')?.reason).toBe('measured 2 is above the target 1');
  });

  it('fails recover and total with "> timeout" when the system never recovered', () => {
    const notRecovered = {
      status: 'not-recovered',
      exceeds: 60_000,
      reason: 'did not recover within 60s',
    } as const;
    const rows = evaluateObjectives(
      { recover: 30_000, total: 90_000 },
      measurements({ recover: notRecovered, total: notRecovered, recovered: false }),
    );
    for (const row of rows) {
      expect(row).toMatchObject({
        status: 'failed',
        measured: 60_000,
        exceeded: true,
        reason: 'did not recover within 60s',
      });
    }
  });

  it('fails detect when detect probes never passed, and leaves it not-measured without one', () => {
    const notDetected = { status: 'not-detected', exceeds: 8000, reason: 'never passed' } as const;
    expect(evaluateObjectives({ detect: 5000 }, measurements({ detect: notDetected }))[0]).toMatchObject({
      status: 'failed',
      exceeded: true,
      measured: 8000,
    });
    const none = { status: 'not-measured', reason: 'the scenario has no detect probe' } as const;
    expect(evaluateObjectives({ detect: 5000 }, measurements({ detect: none }))[0]).toMatchObject({
      status: 'not-measured',
      measured: null,
      reason: 'the scenario has no detect probe',
    });
  });

  it('leaves data and load objectives not-measured without a ledger or load', () => {
    const rows = evaluateObjectives(
      { rpo: 0, lost_writes: 0, availability: 0.9, latency_p99: 100 },
      measurements({ data: undefined, load: undefined }),
    );
    expect(statuses(rows)).toEqual({
      rpo: 'not-measured',
      lost_writes: 'not-measured',
      availability: 'not-measured',
      latency_p99: 'not-measured',
    });
    expect(rows[3]?.reason).toBe('the scenario has no load');
  });

  it('appends the during rows after the objectives', () => {
    const during = {
      objective: 'during minority-refuses',
      kind: 'during',
      unit: 'fraction',
      comparison: '>=',
      target: 1,
      measured: 0.5,
      status: 'failed',
    } as const;
    const rows = evaluateObjectives({ recover: 6000 }, measurements({ during: [during] }));
    expect(statuses(rows)).toEqual({ recover: 'passed', 'during minority-refuses': 'failed' });
  });
});
