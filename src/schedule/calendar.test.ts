import { createTask } from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CronCalendar } from './calendar.js';
import { formatZoned } from './zoned-time.js';

const BERLIN = 'Europe/Berlin';
const iso = (dates: Date[]): string[] => dates.map((d) => d.toISOString());
const berlin = (dates: Date[]): string[] => dates.map((d) => formatZoned(d, BERLIN));

describe('CronCalendar.nextAfter in Europe/Berlin', () => {
  it('weekly on Monday 03:00 keeps local time across the spring change (last Sunday of March)', () => {
    const weekly = new CronCalendar('0 3 * * 1', BERLIN);
    const fires = weekly.nextAfter(new Date('2026-03-20T12:00:00Z'), 3);
    expect(berlin(fires)).toEqual([
      'Mon 2026-03-23 03:00 +01:00',
      'Mon 2026-03-30 03:00 +02:00',
      'Mon 2026-04-06 03:00 +02:00',
    ]);
    expect(iso(fires)).toEqual([
      '2026-03-23T02:00:00.000Z',
      '2026-03-30T01:00:00.000Z',
      '2026-04-06T01:00:00.000Z',
    ]);
  });

  it('weekly on Sunday 03:00 fires on both change days, an hour apart in UTC', () => {
    const sunday = new CronCalendar('0 3 * * 0', BERLIN);
    expect(iso(sunday.nextAfter(new Date('2026-03-28T00:00:00Z'), 2))).toEqual([
      '2026-03-29T01:00:00.000Z', // 03:00 CEST: the first hour after the clocks jumped
      '2026-04-05T01:00:00.000Z',
    ]);
    expect(iso(sunday.nextAfter(new Date('2026-10-24T00:00:00Z'), 2))).toEqual([
      '2026-10-25T02:00:00.000Z', // 03:00 CET, after the repeated hour
      '2026-11-01T02:00:00.000Z',
    ]);
  });

  it('a daily 02:30 does not exist on the spring change day and is skipped; in autumn it fires once', () => {
    const daily = new CronCalendar('30 2 * * *', BERLIN);
    expect(berlin(daily.nextAfter(new Date('2026-03-27T12:00:00Z'), 3))).toEqual([
      'Sat 2026-03-28 02:30 +01:00',
      'Mon 2026-03-30 02:30 +02:00',
      'Tue 2026-03-31 02:30 +02:00',
    ]);
    expect(berlin(daily.nextAfter(new Date('2026-10-23T12:00:00Z'), 3))).toEqual([
      'Sat 2026-10-24 02:30 +02:00',
      'Sun 2026-10-25 02:30 +01:00',
      'Mon 2026-10-26 02:30 +01:00',
    ]);
  });

  it('monthly on the 1st crosses month ends of 28, 30 and 31 days and the summer time change', () => {
    const monthly = new CronCalendar('0 3 1 * *', BERLIN);
    expect(berlin(monthly.nextAfter(new Date('2026-01-31T23:59:59Z'), 4))).toEqual([
      'Sun 2026-02-01 03:00 +01:00',
      'Sun 2026-03-01 03:00 +01:00',
      'Wed 2026-04-01 03:00 +02:00',
      'Fri 2026-05-01 03:00 +02:00',
    ]);
  });

  it('quarterly fires on the first day of each quarter, into the next year', () => {
    const quarterly = new CronCalendar('0 3 1 1,4,7,10 *', BERLIN);
    expect(berlin(quarterly.nextAfter(new Date('2026-02-15T00:00:00Z'), 4))).toEqual([
      'Wed 2026-04-01 03:00 +02:00',
      'Wed 2026-07-01 03:00 +02:00',
      'Thu 2026-10-01 03:00 +02:00',
      'Fri 2027-01-01 03:00 +01:00',
    ]);
  });

  it('counts strictly after the given instant', () => {
    const weekly = new CronCalendar('0 3 * * 1', BERLIN);
    const fire = new Date('2026-03-30T01:00:00Z');
    expect(iso(weekly.nextAfter(fire))).toEqual(['2026-04-06T01:00:00.000Z']);
    expect(iso(weekly.nextAfter(new Date(fire.getTime() - 1)))).toEqual(['2026-03-30T01:00:00.000Z']);
  });

  it('understands node-cron extensions: last day of month, nth weekday, six fields', () => {
    const lastDay = new CronCalendar('0 3 L * *', 'UTC');
    expect(iso(lastDay.nextAfter(new Date('2028-01-31T12:00:00Z'), 2))).toEqual([
      '2028-02-29T03:00:00.000Z',
      '2028-03-31T03:00:00.000Z',
    ]);
    const firstMonday = new CronCalendar('0 3 * * 1#1', 'UTC');
    expect(iso(firstMonday.nextAfter(new Date('2026-03-02T12:00:00Z')))).toEqual([
      '2026-04-06T03:00:00.000Z',
    ]);
    const everyTenSeconds = new CronCalendar('*/10 * * * * *', 'UTC');
    expect(iso(everyTenSeconds.nextAfter(new Date('2026-01-01T00:00:05.500Z'), 2))).toEqual([
      '2026-01-01T00:00:10.000Z',
      '2026-01-01T00:00:20.000Z',
    ]);
  });
});

describe('CronCalendar.lastAtOrBefore', () => {
  it('finds the most recent fire time, the instant itself included', () => {
    const weekly = new CronCalendar('0 3 * * 1', BERLIN);
    expect(weekly.lastAtOrBefore(new Date('2026-03-30T01:00:00Z'))?.toISOString()).toBe(
      '2026-03-30T01:00:00.000Z',
    );
    expect(weekly.lastAtOrBefore(new Date('2026-03-30T00:59:59Z'))?.toISOString()).toBe(
      '2026-03-23T02:00:00.000Z',
    );
  });

  it('looks back across a quarter and a year boundary', () => {
    const quarterly = new CronCalendar('0 3 1 1,4,7,10 *', BERLIN);
    expect(formatZoned(quarterly.lastAtOrBefore(new Date('2026-03-31T12:00:00Z'))!, BERLIN)).toBe(
      'Thu 2026-01-01 03:00 +01:00',
    );
    expect(formatZoned(quarterly.lastAtOrBefore(new Date('2026-01-01T01:59:59Z'))!, BERLIN)).toBe(
      'Wed 2025-10-01 03:00 +02:00',
    );
    const annual = new CronCalendar('0 3 15 1 *', BERLIN);
    expect(formatZoned(annual.lastAtOrBefore(new Date('2026-01-14T00:00:00Z'))!, BERLIN)).toBe(
      'Wed 2025-01-15 03:00 +01:00',
    );
  });

  it('is the inverse of nextAfter around the autumn change', () => {
    const hourly = new CronCalendar('15 * * * *', BERLIN);
    const fires = hourly.nextAfter(new Date('2026-10-24T22:00:00Z'), 6);
    for (const [i, fire] of fires.entries()) {
      expect(hourly.lastAtOrBefore(new Date(fire.getTime() + 1000))).toEqual(fire);
      if (i > 0) expect(hourly.lastAtOrBefore(new Date(fire.getTime() - 1000))).toEqual(fires[i - 1]);
    }
  });
});

describe('CronCalendar agrees with node-cron getNextRuns (the daemon timer)', () => {
  afterEach(() => vi.useRealTimers());

  const expressions = [
    '0 3 * * 1',
    '30 2 * * *',
    '0 * * * *',
    '15,45 1-3 * * 0',
    '0 3 L * *',
    '0 3 1 1,4,7,10 *',
    '0 4 * * 1#2',
  ];
  const instants = ['2026-03-28T20:17:00Z', '2026-10-24T21:59:00Z', '2026-12-31T23:30:00Z'];

  for (const zone of [BERLIN, 'America/New_York']) {
    it(`for ${expressions.length} expressions around change days in ${zone}`, () => {
      for (const instant of instants) {
        vi.useFakeTimers({ toFake: ['Date'], now: new Date(instant) });
        for (const expression of expressions) {
          const task = createTask(expression, () => undefined, { timezone: zone });
          const theirs = iso(task.getNextRuns(8));
          void task.destroy();
          const ours = iso(new CronCalendar(expression, zone).nextAfter(new Date(instant), 8));
          expect(ours, `${expression} from ${instant}`).toEqual(theirs);
        }
        vi.useRealTimers();
      }
    });
  }
});
