import type { TierStatus } from './due.js';
import { displayPath } from './event-text.js';
import { expandGlob } from './glob.js';
import type { LoadedSchedule, ScheduleTier } from './load-schedule.js';
import { formatZoned } from './zoned-time.js';

export interface TierListing {
  tier: ScheduleTier;
  next: Date[];
  /** Each pattern with the files it matches now. */
  patterns: Array<{ pattern: string; files: string[] }>;
}

/** Each tier's next `count` fire times after `now` and the drills it would run. */
export async function listTiers(loaded: LoadedSchedule, now: Date, count: number): Promise<TierListing[]> {
  const listings: TierListing[] = [];
  for (const tier of loaded.tiers) {
    const patterns = [];
    for (const pattern of tier.patterns)
      patterns.push({ pattern, files: await expandGlob(loaded.baseDir, pattern) });
    listings.push({ tier, next: tier.enabled ? tier.calendar.nextAfter(now, count) : [], patterns });
  }
  return listings;
}

/** `firedrill schedule --list`: a block per tier. */
export function formatListing(
  loaded: LoadedSchedule,
  listings: readonly TierListing[],
  cwd: string,
): string[] {
  const lines = [`drill calendar ${displayPath(cwd, loaded.file)} (times in ${loaded.timezone})`];
  for (const { tier, next, patterns } of listings) {
    lines.push(
      '',
      `${tier.name}  ${tier.cron}${tier.defaultCron ? ' (default)' : ''}${tier.enabled ? '' : '  disabled'}`,
    );
    next.forEach((date, i) =>
      lines.push(`  ${i === 0 ? 'next' : '    '}  ${formatZoned(date, loaded.timezone)}`),
    );
    let first = true;
    for (const { pattern, files } of patterns) {
      const entries =
        files.length > 0 ? files.map((f) => displayPath(cwd, f)) : [`${pattern}  (matches no file yet)`];
      for (const entry of entries) {
        lines.push(`  ${first ? 'runs' : '    '}  ${entry}`);
        first = false;
      }
    }
  }
  return lines;
}

/** `--due --dry-run`: each tier's last fire time and each drill's last run. */
export function formatDueStatus(statuses: readonly TierStatus[], timezone: string, cwd: string): string[] {
  const lines: string[] = [];
  for (const status of statuses) {
    const fired = status.lastFire ? formatZoned(status.lastFire, timezone) : 'never yet';
    lines.push(`${status.tier.name}  last fired ${fired}${status.due ? '  DUE' : ''}`);
    for (const s of status.scenarios) {
      const last = s.lastRun
        ? `last run ${formatZoned(s.lastRun.startedAt, timezone)} (${s.lastRun.verdict})`
        : 'never run';
      lines.push(`  ${s.due ? 'due ' : 'done'}  ${displayPath(cwd, s.file)}  ${last}`);
    }
  }
  return lines;
}
