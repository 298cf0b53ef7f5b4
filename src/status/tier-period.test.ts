import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillResult } from '../result/index.js';
import { CronCalendar } from '../schedule/calendar.js';
import { loadSchedule } from '../schedule/load-schedule.js';
import { calendarPeriod, tierLookup } from './tier-period.js';

const DAY = 86_400_000;

const result = (file: string, tier?: string): DrillResult =>
  ({ scenario: { file, ...(tier !== undefined && { tier }) } }) as unknown as DrillResult;

describe('tier periods', () => {
  it('is the span between the two latest fire times: a week, February, a quarter', () => {
    const at = new Date('2026-03-15T12:00:00Z');
    expect(calendarPeriod(new CronCalendar('0 3 * * 1', 'UTC'), at)).toBe(7 * DAY);
    expect(calendarPeriod(new CronCalendar('0 3 1 * *', 'UTC'), at)).toBe(28 * DAY);
    // 1 October 2025 to 1 January 2026.
    expect(calendarPeriod(new CronCalendar('0 3 1 1,4,7,10 *', 'UTC'), at)).toBe(92 * DAY);
  });

  it("takes a drill's tier from the schedule's globs first, then from its own tier field", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-tier-'));
    mkdirSync(join(dir, 'drills'));
    writeFileSync(join(dir, 'drills', 'node-kill.yaml'), 'kind: Drill\n');
    writeFileSync(
      join(dir, 'schedule.yaml'),
      [
        'apiVersion: firedrill/v1',
        'kind: Schedule',
        'tiers:',
        "  nightly: { cron: '0 1 * * *', scenarios: ['drills/*-kill.yaml'] }",
        "  quarterly: { scenarios: ['drills/*.yaml'] }",
      ].join('\n'),
    );
    const now = new Date('2026-05-10T12:00:00Z');
    const tierOf = await tierLookup([await loadSchedule(join(dir, 'schedule.yaml'))], now);
    // Two tiers list the file: the shorter period owes the drill first.
    expect(tierOf(result(join(dir, 'drills', 'node-kill.yaml'), 'annually'))).toEqual({
      name: 'nightly',
      periodMs: DAY,
    });
    // No glob matches: the drill's tier, with the schedule's cron for it, else the default cron.
    expect(tierOf(result('/elsewhere/a.yaml', 'quarterly'))).toEqual({
      name: 'quarterly',
      periodMs: 90 * DAY,
    });
    expect(tierOf(result('/elsewhere/a.yaml', 'weekly'))).toEqual({ name: 'weekly', periodMs: 7 * DAY });
    expect(tierOf(result('/elsewhere/a.yaml', 'fortnightly'))).toBeUndefined();
    expect(tierOf(result('/elsewhere/a.yaml'))).toBeUndefined();
  });
});
