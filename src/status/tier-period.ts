import { resolve } from 'node:path';
import type { DrillResult } from '../result/index.js';
import { CronCalendar } from '../schedule/calendar.js';
import { tierFiles, type LoadedSchedule } from '../schedule/load-schedule.js';
import { namedTierCrons, type NamedTier } from '../schedule/schedule-schema.js';

/** A tier with its period at the time the table is made. */
export interface TierPeriod {
  name: string;
  periodMs: number;
}

/** The tier a run's drill belongs to. */
export type TierOf = (result: DrillResult) => TierPeriod | undefined;

/**
 * The span between a calendar's two latest fire times before `now` (a month is 28 to 31 days, as
 * the calendar has it); before its second fire, the span between its next two.
 */
export function calendarPeriod(calendar: CronCalendar, now: Date): number | undefined {
  const last = calendar.lastAtOrBefore(now);
  const before = last && calendar.lastAtOrBefore(new Date(last.getTime() - 1000));
  if (last && before) return last.getTime() - before.getTime();
  const [first, second] = calendar.nextAfter(now, 2);
  return first && second ? second.getTime() - first.getTime() : undefined;
}

/**
 * A run's tier: the schedule tier whose globs match its drill file (the shortest period when
 * several do), else the tier its drill names (`tier:`), with that tier's cron from a schedule or,
 * for weekly, monthly, quarterly and annually, their default crons (UTC).
 */
export async function tierLookup(schedules: readonly LoadedSchedule[], now: Date): Promise<TierOf> {
  const byFile = new Map<string, TierPeriod>();
  const byName = new Map<string, TierPeriod>();
  const shorter = (a: TierPeriod | undefined, b: TierPeriod): TierPeriod =>
    a && a.periodMs <= b.periodMs ? a : b;
  for (const schedule of schedules) {
    for (const tier of schedule.tiers.filter((t) => t.enabled)) {
      const periodMs = calendarPeriod(tier.calendar, now);
      if (periodMs === undefined) continue;
      const period = { name: tier.name, periodMs };
      byName.set(tier.name, shorter(byName.get(tier.name), period));
      for (const file of await tierFiles(schedule, tier)) byFile.set(file, shorter(byFile.get(file), period));
    }
  }
  return (result) => {
    const matched = byFile.get(resolve(result.scenario.file));
    if (matched) return matched;
    const name = result.scenario.tier;
    if (name === undefined) return undefined;
    const named = byName.get(name);
    if (named) return named;
    if (!Object.hasOwn(namedTierCrons, name)) return undefined;
    const periodMs = calendarPeriod(new CronCalendar(namedTierCrons[name as NamedTier], 'UTC'), now);
    return periodMs === undefined ? undefined : { name, periodMs };
  };
}
