import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../common/fake-clock.js';
import { scenarioDir } from '../scenario/testing/scenario-files.js';
import { loadSchedule } from './load-schedule.js';
import type { RunRecord } from './run-history.js';
import { runDue } from './run-due.js';
import type { ScheduleEvent } from './schedule-events.js';
import { clockDrills, fixedSources } from './testing/fake-drills.js';

const scheduleText = `apiVersion: firedrill/v1
kind: Schedule
timezone: Europe/Berlin
tiers:
  weekly: { scenarios: [w.yaml] }
  monthly: { scenarios: [m.yaml] }
  quarterly: { scenarios: [q.yaml] }
  nightly:
    cron: '0 1 * * *'
    enabled: false
    scenarios: [n.yaml]
`;

const files = {
  weekly: ['drift.yaml', 'shared.yaml'],
  monthly: ['node-kill.yaml', 'shared.yaml'],
  quarterly: ['partition.yaml'],
  nightly: ['smoke.yaml'],
};

const ran = (name: string, startedAt: string): [string, RunRecord] => [
  name,
  { scenario: name, runDir: `reports/${name}/x`, startedAt: new Date(startedAt), verdict: 'passed' },
];

async function due(now: string, latest: Array<[string, RunRecord]>, dryRun = false) {
  const loaded = await loadSchedule(
    join(await scenarioDir({ 'schedule.yaml': scheduleText }), 'schedule.yaml'),
  );
  const clock = new FakeClock(Date.parse(now));
  const { launch, launches } = clockDrills(
    clock,
    () => 0,
    (file) => (file === 'node-kill.yaml' ? 'failed' : 'passed'),
  );
  const events: ScheduleEvent[] = [];
  const report = await runDue({
    loaded,
    now: clock.wallTime(clock.now()),
    sources: fixedSources(files),
    latest: new Map(latest),
    launch,
    onEvent: (e) => events.push(e),
    signal: new AbortController().signal,
    dryRun,
  });
  return { report, launches: launches.map((l) => l.file), events };
}

describe('runDue (firedrill schedule --due) at a fixed now', () => {
  // Thursday 2 April 2026, 10:00 in Berlin: weekly last fired Mon 30 Mar 03:00, monthly and
  // quarterly on Wed 1 Apr 03:00.
  const now = '2026-04-02T08:00:00Z';

  it('runs only the drills whose tier fired since their last run, each once', async () => {
    const { report, launches } = await due(now, [
      ran('drift', '2026-03-30T01:05:00Z'), // ran after weekly's fire: not due
      ran('shared', '2026-03-30T01:20:00Z'), // ran for weekly, but monthly fired since: due (once)
      ran('node-kill', '2026-03-01T02:10:00Z'), // last month: due
      ran('partition', '2026-04-01T01:30:00Z'), // ran after quarterly's fire: not due
    ]);
    expect(launches).toEqual(['node-kill.yaml', 'shared.yaml']);
    expect(report.outcomes.map((o) => `${o.file} ${o.verdict}`)).toEqual([
      'node-kill.yaml failed',
      'shared.yaml passed',
    ]);
    const tiers = report.statuses.map((s) => `${s.tier.name} due=${s.due} last=${s.lastFire?.toISOString()}`);
    expect(tiers).toEqual([
      'weekly due=false last=2026-03-30T01:00:00.000Z',
      'monthly due=true last=2026-04-01T01:00:00.000Z',
      'quarterly due=false last=2026-04-01T01:00:00.000Z',
    ]);
  });

  it('runs nothing when everything ran since its fire time, and a disabled tier never', async () => {
    const { launches } = await due(now, [
      ran('drift', '2026-04-01T05:00:00Z'),
      ran('shared', '2026-04-01T05:00:00Z'),
      ran('node-kill', '2026-04-01T05:00:00Z'),
      ran('partition', '2026-04-01T05:00:00Z'),
    ]);
    expect(launches).toEqual([]);
  });

  it('a drill never run is due; the same history an instant before the fire time is not', async () => {
    const history = [ran('drift', '2026-03-30T00:59:59Z'), ran('shared', '2026-03-30T01:00:01Z')];
    const before = await due('2026-03-30T00:59:59.500Z', history, true);
    expect(before.report.statuses[0]!.scenarios.map((s) => `${s.scenario} ${s.due}`)).toEqual([
      'drift false',
      'shared false',
    ]);
    const after = await due('2026-03-30T01:00:00Z', history, true);
    expect(after.report.statuses[0]!.scenarios.map((s) => `${s.scenario} ${s.due}`)).toEqual([
      'drift true',
      'shared false',
    ]);
    expect(after.report.statuses[2]!.scenarios.map((s) => `${s.scenario} ${s.due}`)).toEqual([
      'partition true',
    ]);
    expect(after.launches).toEqual([]); // dry run
  });
});
