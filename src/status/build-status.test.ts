import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../common/fake-clock.js';
import type { FoundRun } from '../history/scan-runs.js';
import type { ObjectivesTable } from '../scenario/objectives.js';
import { buildStatus } from './build-status.js';
import type { StatusRow } from './status-report.js';
import { syntheticRun, type SyntheticRun } from './testing/synthetic-runs.js';
import type { TierOf } from './tier-period.js';

const DAY = 86_400_000;
// The fake clock stands at 1 June 2026; runs are dated days before it.
const clock = new FakeClock(Date.UTC(2026, 5, 1, 12));
const now = clock.wallTime(clock.now());

const table: ObjectivesTable = {
  apiVersion: 'firedrill/v1',
  kind: 'Objectives',
  classes: {
    'node-failure': { name: 'Node failure', detect: 3000, recover: 10_000, claim: { recover: 5000 } },
    'user-data': { name: 'User data loss', protects: 'User data', recover: 10_000, lost_writes: 0 },
    'full-restore': { recover: 300_000, claim: { recover: 10_000 } },
  },
};

/** Tiers as a schedule would give them: the drill's `tier` field, weekly 7 days, quarterly 92. */
const tierOf: TierOf = (result) => {
  const periods: Record<string, number> = { weekly: 7 * DAY, quarterly: 92 * DAY };
  const name = result.scenario.tier;
  return name && periods[name] ? { name, periodMs: periods[name] } : undefined;
};

function status(runs: SyntheticRun[], sinceMs = 90 * DAY) {
  const found: FoundRun[] = runs.map((run) => syntheticRun(now, run));
  // The drills ran from the working directory: `scenarios/drill.yaml` names `./objectives.yaml`.
  const path = resolve('scenarios/objectives.yaml');
  const report = buildStatus({
    tables: [{ file: 'scenarios/objectives.yaml', path, table }],
    runs: found,
    now,
    sinceMs,
    sinceText: '90d',
    tierOf,
  });
  const row = (cls: string, objective: string): StatusRow =>
    [...report.rto, ...report.rpo].find((r) => r.class === cls && r.objective === objective)!;
  return { report, row, found };
}

describe('buildStatus', () => {
  it('validated: drilled within its tier and every run of the period met the target', () => {
    const { row } = status([
      { daysAgo: 20, class: 'node-failure', tier: 'weekly', rows: { detect: 1500, recover: 4000 } },
      { daysAgo: 2, class: 'node-failure', tier: 'weekly', rows: { detect: 1200, recover: 3000 } },
    ]);
    expect(row('node-failure', 'recover')).toMatchObject({
      status: 'validated',
      conditions: ['validated'],
      name: 'Node failure',
      target: 10_000,
      claim: 5000,
      tier: { name: 'weekly', periodMs: 7 * DAY },
      last: { value: 3000, exceeded: false },
      period: {
        n: 2,
        runs: 2,
        p50: 3000,
        tail: 4000,
        worst: 4000,
        atLeast: { p50: false, tail: false, worst: false },
      },
    });
    expect(row('node-failure', 'recover').reason).toMatch(/^every run met the target; last drilled 2d ago/);
  });

  it('failed: one run of the period missed the target, even when later runs met it; it links that run', () => {
    const { row, found } = status([
      { daysAgo: 30, class: 'node-failure', tier: 'weekly', rows: { detect: 1000, recover: 12_000 } },
      { daysAgo: 1, class: 'node-failure', tier: 'weekly', rows: { detect: 1000, recover: 3000 } },
    ]);
    const recover = row('node-failure', 'recover');
    expect(recover.status).toBe('failed');
    expect(recover.failedRun).toEqual({
      runId: found[0]!.result.runId,
      scenario: 'drill-node-failure',
      dir: found[0]!.dir,
      startedAt: found[0]!.result.startedAt,
      report: `${found[0]!.dir}/report.html`,
    });
    expect(recover.reason).toContain('missed the target ≤ 10.0s');
    expect(row('node-failure', 'detect').status).toBe('validated');
  });

  it('a miss before the period no longer fails the row', () => {
    const { row } = status([
      { daysAgo: 120, class: 'node-failure', tier: 'weekly', rows: { detect: 1000, recover: 60_000 } },
      { daysAgo: 1, class: 'node-failure', tier: 'weekly', rows: { detect: 1000, recover: 3000 } },
    ]);
    expect(row('node-failure', 'recover').status).toBe('validated');
  });

  it('a recovery that exceeded its timeout fails, and makes the figures lower bounds', () => {
    const { row } = status([
      { daysAgo: 1, class: 'node-failure', tier: 'weekly', rows: { detect: 1000, recover: { over: 8000 } } },
    ]);
    expect(row('node-failure', 'recover')).toMatchObject({
      status: 'failed',
      last: { value: 8000, exceeded: true },
      period: { atLeast: { p50: true, tail: true, worst: true } },
    });
  });

  it('claim broken: the target holds, the claim does not at the p95 of the period', () => {
    const runs = [3000, 4000, 4500, 6000].map((recover, i) => ({
      daysAgo: 1 + i,
      class: 'node-failure',
      tier: 'weekly',
      rows: { detect: 1000, recover },
    }));
    const { row } = status(runs);
    expect(row('node-failure', 'recover')).toMatchObject({
      status: 'claim-broken',
      conditions: ['claim-broken'],
      period: { tail: 6000, runs: 4 },
    });
    expect(row('node-failure', 'recover').reason).toContain('the claim ≤ 5.00s does not hold');
    // With the slow run gone, the claim holds.
    expect(status(runs.slice(0, 3)).row('node-failure', 'recover').status).toBe('validated');
  });

  it('stale: the last drill is older than its tier period; a quarterly drill is not stale at 10 days', () => {
    const weekly = status([
      { daysAgo: 10, class: 'node-failure', tier: 'weekly', rows: { detect: 1, recover: 1 } },
    ]);
    expect(weekly.row('node-failure', 'recover')).toMatchObject({ status: 'stale', conditions: ['stale'] });
    expect(weekly.row('node-failure', 'recover').reason).toContain(
      'last drilled 10d ago, longer than its weekly period (7d)',
    );
    const quarterly = status([
      { daysAgo: 10, class: 'node-failure', tier: 'quarterly', rows: { detect: 1, recover: 1 } },
    ]);
    expect(quarterly.row('node-failure', 'recover').status).toBe('validated');
  });

  it('without a tier the period stands for it; the latest run is judged however old', () => {
    const { row } = status([{ daysAgo: 100, class: 'node-failure', rows: { detect: 1, recover: 20_000 } }]);
    expect(row('node-failure', 'recover')).toMatchObject({
      status: 'failed',
      conditions: ['failed', 'stale', 'claim-broken'],
      last: { value: 20_000 },
    });
    expect(row('node-failure', 'recover').period).toBeUndefined();
  });

  it('UNTESTED: no run names the class, or only aborted and error runs do', () => {
    const { row } = status([
      { daysAgo: 1, class: 'user-data', verdict: 'aborted', rows: { recover: 1, lost_writes: 0 } },
      { daysAgo: 1, class: 'user-data', verdict: 'error', rows: { recover: 1, lost_writes: 0 } },
    ]);
    expect(row('full-restore', 'recover')).toMatchObject({
      status: 'untested',
      conditions: ['untested'],
      reason: 'no drill run references this class',
    });
    expect(row('user-data', 'lost_writes').status).toBe('untested');
  });

  it('counts a run only for its own table: another directory with the same class name does not count', () => {
    const { row } = status([
      {
        daysAgo: 1,
        class: 'node-failure',
        table: '../other/objectives.yaml',
        rows: { detect: 1, recover: 1 },
      },
    ]);
    expect(row('node-failure', 'recover').status).toBe('untested');
  });

  it('puts data objectives in the RPO table with the data they protect', () => {
    const { report } = status([
      { daysAgo: 1, class: 'user-data', tier: 'weekly', rows: { recover: 2000, lost_writes: 3 } },
    ]);
    expect(report.rpo.map((r) => [r.class, r.objective, r.protects, r.status])).toEqual([
      ['user-data', 'lost_writes', 'User data', 'failed'],
    ]);
    expect(report.rto.map((r) => `${r.class} ${r.objective}`)).toEqual([
      'node-failure detect',
      'node-failure recover',
      'user-data recover',
      'full-restore recover',
    ]);
  });

  it('MTTR: mean, p50, p95 and p99 of TTD and TTR over the period, aborted runs and older runs left out', () => {
    const ttrs = [1000, 2000, 3000, 4000, 10_000];
    const { report } = status([
      ...ttrs.map((ttr, i) => ({ daysAgo: i + 1, class: 'node-failure', rows: {}, ttd: 500 * (i + 1), ttr })),
      { daysAgo: 1, class: 'node-failure', verdict: 'aborted' as const, rows: {}, ttd: 99_000, ttr: 99_000 },
      { daysAgo: 200, class: 'node-failure', rows: {}, ttd: 99_000, ttr: 99_000 },
      { daysAgo: 1, class: 'user-data', rows: {}, ttr: { over: 30_000 } },
    ]);
    const [nodeFailure, userData, restore] = report.mttr;
    expect(nodeFailure).toMatchObject({
      class: 'node-failure',
      runs: 5,
      ttd: { n: 5, mean: 1500, p50: 1500, p95: 2500, p99: 2500, max: 2500, exceeded: 0 },
      ttr: { n: 5, mean: 4000, p50: 3000, p95: 10_000, p99: 10_000, exceeded: 0 },
    });
    expect(userData).toMatchObject({ runs: 1, ttd: null, ttr: { n: 1, mean: 30_000, exceeded: 1 } });
    expect(restore).toMatchObject({ runs: 0, ttd: null, ttr: null });
  });

  it('consistent: true reads as no replica left diverged; a run that left one diverged fails the row', () => {
    const replicas: ObjectivesTable = {
      apiVersion: 'firedrill/v1',
      kind: 'Objectives',
      classes: { drift: { name: 'Config drift', recover: 10_000, consistent: true } },
    };
    const runs = [
      { daysAgo: 3, class: 'drift', rows: { recover: 900, consistent: 400 } },
      { daysAgo: 1, class: 'drift', rows: { recover: 800, consistent: 5000 } },
    ].map((run) => syntheticRun(now, run));
    // The later run's replicas never converged: n3 kept its own settings (measured is `within`).
    const row = runs[1]!.result.objectives.find((r) => r.kind === 'consistent')!;
    Object.assign(row, { status: 'failed', exceeded: true, divergent: { n3: 'max_value_bytes=1' } });
    const report = buildStatus({
      tables: [
        { file: 'scenarios/objectives.yaml', path: resolve('scenarios/objectives.yaml'), table: replicas },
      ],
      runs,
      now,
      sinceMs: 90 * DAY,
      sinceText: '90d',
      tierOf,
    });
    const consistent = report.rpo.find((r) => r.objective === 'consistent')!;
    expect(consistent).toMatchObject({ status: 'failed', target: 0, unit: 'count' });
    expect(consistent.failedRun?.runId).toBe(runs[1]!.result.runId);
    expect(report.rto.map((r) => r.objective)).toEqual(['recover']);
  });
});
