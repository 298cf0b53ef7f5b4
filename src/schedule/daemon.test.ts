import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../common/fake-clock.js';
import { DrillAbortedError } from '../common/errors.js';
import { scenarioDir } from '../scenario/testing/scenario-files.js';
import { ScheduleDaemon } from './daemon.js';
import { loadSchedule } from './load-schedule.js';
import type { RunRecord } from './run-history.js';
import type { ScheduleEvent } from './schedule-events.js';
import { ClockCronDriver } from './testing/clock-cron-driver.js';
import { clockDrills, fixedSources } from './testing/fake-drills.js';
import { formatZoned } from './zoned-time.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BERLIN = 'Europe/Berlin';

async function schedule(tiers: string, extra = ''): Promise<string> {
  const text = `apiVersion: firedrill/v1\nkind: Schedule\ntimezone: ${BERLIN}\n${extra}tiers:\n${tiers}`;
  const dir = await scenarioDir({ 'schedule.yaml': text });
  return join(dir, 'schedule.yaml');
}

interface Harness {
  clock: FakeClock;
  daemon: ScheduleDaemon;
  events: ScheduleEvent[];
  launches: ReturnType<typeof clockDrills>['launches'];
  berlin(date: Date): string;
}

async function startDaemon(options: {
  tiers: string;
  startAt: string;
  files: Record<string, string[]>;
  durationMs: (file: string) => number;
  latest?: Map<string, RunRecord>;
  catchUp?: boolean;
}): Promise<Harness> {
  const loaded = await loadSchedule(await schedule(options.tiers));
  const clock = new FakeClock(Date.parse(options.startAt));
  const { launch, launches } = clockDrills(clock, options.durationMs);
  const events: ScheduleEvent[] = [];
  const daemon = new ScheduleDaemon({
    loaded,
    clock,
    cron: new ClockCronDriver(clock),
    launch,
    sources: fixedSources(options.files),
    latestRuns: () => Promise.resolve(options.latest ?? new Map()),
    catchUp: options.catchUp ?? false,
    onEvent: (event) => events.push(event),
  });
  await daemon.start();
  return { clock, daemon, events, launches, berlin: (date) => formatZoned(date, BERLIN) };
}

const fires = (h: Harness) =>
  h.events.flatMap((e) => (e.type === 'fired' ? [`${e.tier} ${h.berlin(e.at)}`] : []));
const runs = (h: Harness) =>
  h.launches.map((l) => `${l.file} ${h.berlin(l.startedAt)} → ${l.endedAt ? h.berlin(l.endedAt) : '...'}`);

describe('ScheduleDaemon on a fake clock', () => {
  it('fires each tier at its local time across the DST change, a month end and a quarter start', async () => {
    const h = await startDaemon({
      tiers:
        '  weekly: { scenarios: [w.yaml] }\n  monthly: { scenarios: [m.yaml] }\n  quarterly: { scenarios: [q.yaml] }\n',
      startAt: '2026-03-20T00:00:00Z',
      files: { weekly: ['weekly.yaml'], monthly: ['monthly.yaml'], quarterly: ['quarterly.yaml'] },
      durationMs: () => 30 * MINUTE,
    });
    await h.clock.advance(19 * DAY);
    expect(fires(h)).toEqual([
      'weekly Mon 2026-03-23 03:00 +01:00',
      'weekly Mon 2026-03-30 03:00 +02:00', // the day after the clocks went forward
      'monthly Wed 2026-04-01 03:00 +02:00',
      'quarterly Wed 2026-04-01 03:00 +02:00',
      'weekly Mon 2026-04-06 03:00 +02:00',
    ]);
    // Monthly and quarterly came due together: one drill at a time, the second right after the first.
    expect(runs(h)).toEqual([
      'weekly.yaml Mon 2026-03-23 03:00 +01:00 → Mon 2026-03-23 03:30 +01:00',
      'weekly.yaml Mon 2026-03-30 03:00 +02:00 → Mon 2026-03-30 03:30 +02:00',
      'monthly.yaml Wed 2026-04-01 03:00 +02:00 → Wed 2026-04-01 03:30 +02:00',
      'quarterly.yaml Wed 2026-04-01 03:30 +02:00 → Wed 2026-04-01 04:00 +02:00',
      'weekly.yaml Mon 2026-04-06 03:00 +02:00 → Mon 2026-04-06 03:30 +02:00',
    ]);
    expect(h.events).toContainEqual({ type: 'queued', tier: 'quarterly', behind: 'monthly' });
  });

  it('fires at the autumn change (last Sunday of October) once, on local time', async () => {
    const h = await startDaemon({
      tiers: "  sunday-early:\n    cron: '30 2 * * 0'\n    scenarios: [s.yaml]\n",
      startAt: '2026-10-17T00:00:00Z',
      files: { 'sunday-early': ['s.yaml'] },
      durationMs: () => MINUTE,
    });
    await h.clock.advance(16 * DAY);
    expect(fires(h)).toEqual([
      'sunday-early Sun 2026-10-18 02:30 +02:00',
      'sunday-early Sun 2026-10-25 02:30 +01:00', // 02:30 happens twice that night: it fires once
      'sunday-early Sun 2026-11-01 02:30 +01:00',
    ]);
  });

  it('a tier that comes due during a running drill waits its turn, and is not queued twice', async () => {
    const h = await startDaemon({
      tiers: "  weekly: { scenarios: [w.yaml] }\n  hourly:\n    cron: '0 * * * *'\n    scenarios: [h.yaml]\n",
      startAt: '2026-03-23T01:30:00Z', // Monday 02:30 in Berlin
      files: { weekly: ['weekly-1.yaml', 'weekly-2.yaml'], hourly: ['hourly.yaml'] },
      durationMs: (file) => (file.startsWith('weekly') ? 100 * MINUTE : 5 * MINUTE),
    });
    await h.clock.advance(7 * HOUR);
    expect(runs(h).slice(0, 5)).toEqual([
      'weekly-1.yaml Mon 2026-03-23 03:00 +01:00 → Mon 2026-03-23 04:40 +01:00',
      'weekly-2.yaml Mon 2026-03-23 04:40 +01:00 → Mon 2026-03-23 06:20 +01:00',
      // hourly fired at 03:00 (with weekly), 04:00, 05:00 and 06:00: it owes one run, right after.
      'hourly.yaml Mon 2026-03-23 06:20 +01:00 → Mon 2026-03-23 06:25 +01:00',
      'hourly.yaml Mon 2026-03-23 07:00 +01:00 → Mon 2026-03-23 07:05 +01:00',
      'hourly.yaml Mon 2026-03-23 08:00 +01:00 → Mon 2026-03-23 08:05 +01:00',
    ]);
    expect(h.events.filter((e) => e.type === 'queued')).toEqual([
      { type: 'queued', tier: 'hourly', behind: 'weekly' },
    ]);
    expect(h.events.filter((e) => e.type === 'already-waiting')).toHaveLength(3);
  });

  it('reports missed tiers at start, and with catch-up runs only what was missed, once', async () => {
    const latest = new Map<string, RunRecord>([
      [
        'weekly-done',
        {
          scenario: 'weekly-done',
          runDir: 'x',
          startedAt: new Date('2026-03-23T02:05:00Z'),
          verdict: 'failed',
        },
      ],
      [
        'weekly-old',
        {
          scenario: 'weekly-old',
          runDir: 'y',
          startedAt: new Date('2026-03-16T02:05:00Z'),
          verdict: 'passed',
        },
      ],
    ]);
    const h = await startDaemon({
      tiers: '  weekly: { scenarios: [w.yaml] }\n  quarterly: { scenarios: [q.yaml] }\n',
      startAt: '2026-03-25T12:00:00Z',
      files: { weekly: ['weekly-done.yaml', 'weekly-old.yaml'], quarterly: ['quarterly-never.yaml'] },
      durationMs: () => 10 * MINUTE,
      latest,
      catchUp: true,
    });
    const missed = h.events.filter((e) => e.type === 'missed');
    expect(
      missed.map((e) => e.type === 'missed' && `${e.tier} ${h.berlin(e.lastFire)} ${e.scenarios.join()}`),
    ).toEqual([
      'weekly Mon 2026-03-23 03:00 +01:00 weekly-old',
      'quarterly Thu 2026-01-01 03:00 +01:00 quarterly-never',
    ]);
    await h.clock.advance(HOUR);
    expect(runs(h)).toEqual([
      'weekly-old.yaml Wed 2026-03-25 13:00 +01:00 → Wed 2026-03-25 13:10 +01:00',
      'quarterly-never.yaml Wed 2026-03-25 13:10 +01:00 → Wed 2026-03-25 13:20 +01:00',
    ]);
  });

  it('stop aborts the running drill, drops waiting tiers and fires nothing more', async () => {
    const h = await startDaemon({
      tiers: "  weekly: { scenarios: [w.yaml] }\n  hourly:\n    cron: '0 * * * *'\n    scenarios: [h.yaml]\n",
      startAt: '2026-03-23T01:30:00Z',
      files: { weekly: ['weekly.yaml'], hourly: ['hourly.yaml'] },
      durationMs: () => 3 * HOUR,
    });
    await h.clock.advance(HOUR + 15 * MINUTE); // 03:45: weekly runs since 03:00, hourly waits
    const stopped = h.daemon.stop(new DrillAbortedError('interrupted by SIGTERM'));
    await stopped;
    await h.daemon.done;
    expect(runs(h)).toEqual(['weekly.yaml Mon 2026-03-23 03:00 +01:00 → Mon 2026-03-23 03:45 +01:00']);
    expect(h.launches[0]!.outcome).toMatchObject({ verdict: 'aborted', reasons: ['interrupted by SIGTERM'] });
    expect(h.events.slice(-4).map((e) => e.type)).toEqual(['stopping', 'drill.end', 'tier.end', 'stopped']);
    expect(h.events.find((e) => e.type === 'stopping')).toEqual({
      type: 'stopping',
      reason: 'interrupted by SIGTERM',
      dropped: ['hourly'],
    });
    const count = h.events.length;
    await h.clock.advance(DAY);
    expect(h.events).toHaveLength(count);
  });
});
