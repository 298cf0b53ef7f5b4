import type * as NodeCron from 'node-cron';
import { loadOnDemand } from '../common/load-on-demand.js';
import { instantOf, localTimeOf, shiftDay, type LocalTime } from './zoned-time.js';

/** How far the calendar looks for a fire time, as node-cron does: a cron may fire once in 28 years. */
const MAX_DAYS = 366 * 100;

/**
 * A cron expression's fire times in a time zone, computed from any instant (node-cron's own
 * getNextRuns only counts from the real "now"). The fields come from node-cron's parser and every
 * candidate is confirmed by node-cron's matcher, so these are the instants its timer fires at:
 * a time that does not exist on the day clocks go forward is skipped that day, a time in the hour
 * repeated when they go back fires once.
 */
export class CronCalendar {
  private readonly seconds: number[];
  private readonly minutes: number[];
  private readonly hours: number[];
  private readonly matches: (date: Date) => boolean;
  private readonly dayMatches: (date: Date) => boolean;

  constructor(
    readonly expression: string,
    readonly timeZone: string,
  ) {
    const fields = loadOnDemand<typeof NodeCron>('node-cron').parse(expression);
    const ascending = (values: Array<number | string>): number[] => values.map(Number).sort((a, b) => a - b);
    this.seconds = ascending(fields.second);
    this.minutes = ascending(fields.minute);
    this.hours = ascending(fields.hour);
    this.matches = matcher(expression, timeZone);
    // Noon exists on every day (no zone changes its clocks then): a matcher of the day fields alone.
    const dayFields = [fields.dayOfMonth, fields.month, fields.dayOfWeek].map((f) => f.join(',')).join(' ');
    this.dayMatches = matcher(`0 0 12 ${dayFields}`, timeZone);
  }

  /** The first `count` fire times strictly after `after` (whole seconds, like node-cron). */
  nextAfter(after: Date, count = 1): Date[] {
    const fires: Date[] = [];
    let from = after;
    while (fires.length < count) {
      const next = this.firstAfter(from);
      if (!next) break;
      fires.push(next);
      from = next;
    }
    return fires;
  }

  /** The latest fire time at or before `at`; undefined when it never fired in a hundred years. */
  lastAtOrBefore(at: Date): Date | undefined {
    const limit = Math.floor(at.getTime() / 1000) * 1000;
    const start = localTimeOf(new Date(limit), this.timeZone);
    let date = { year: start.year, month: start.month, day: start.day };
    for (let i = 0; i < MAX_DAYS; i++, date = shiftDay(date, -1)) {
      if (!this.isFireDay(date)) continue;
      for (const time of this.timesOfDay(true)) {
        const instant = instantOf({ ...date, ...time }, this.timeZone);
        if (instant <= limit && this.matches(new Date(instant))) return new Date(instant);
      }
    }
    return undefined;
  }

  private firstAfter(after: Date): Date | undefined {
    const base = Math.floor(after.getTime() / 1000) * 1000;
    const start = localTimeOf(new Date(base), this.timeZone);
    let date = { year: start.year, month: start.month, day: start.day };
    for (let i = 0; i < MAX_DAYS; i++, date = shiftDay(date, 1)) {
      if (!this.isFireDay(date)) continue;
      for (const time of this.timesOfDay(false)) {
        if (i === 0 && secondOfDay(time) <= secondOfDay(start)) continue;
        const instant = instantOf({ ...date, ...time }, this.timeZone);
        if (instant > base && this.matches(new Date(instant))) return new Date(instant);
      }
    }
    return undefined;
  }

  private isFireDay(date: Pick<LocalTime, 'year' | 'month' | 'day'>): boolean {
    const noon = instantOf({ ...date, hour: 12, minute: 0, second: 0 }, this.timeZone);
    return this.dayMatches(new Date(noon));
  }

  private *timesOfDay(descending: boolean): Generator<Pick<LocalTime, 'hour' | 'minute' | 'second'>> {
    const order = <T>(values: T[]): T[] => (descending ? [...values].reverse() : values);
    for (const hour of order(this.hours))
      for (const minute of order(this.minutes))
        for (const second of order(this.seconds)) yield { hour, minute, second };
  }
}

function secondOfDay(t: Pick<LocalTime, 'hour' | 'minute' | 'second'>): number {
  return t.hour * 3600 + t.minute * 60 + t.second;
}

/** node-cron's own matcher of an expression in a zone; the task is never started. */
function matcher(expression: string, timeZone: string): (date: Date) => boolean {
  const task = loadOnDemand<typeof NodeCron>('node-cron').createTask(expression, () => undefined, {
    timezone: timeZone,
  });
  // Unregistered at once: only its matcher is wanted, and node-cron's registry would keep it forever.
  void task.destroy();
  return (date) => task.match(date);
}
