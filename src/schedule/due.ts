import type { ScheduleTier } from './load-schedule.js';
import type { RunRecord } from './run-history.js';

/** A drill file of a tier, with the scenario name its history is kept under. */
export interface TierScenario {
  file: string;
  scenario: string;
}

export interface ScenarioStatus extends TierScenario {
  lastRun?: RunRecord;
  /** Its last run started before the tier's latest fire time (or it never ran). */
  due: boolean;
}

export interface TierStatus {
  tier: ScheduleTier;
  /** The tier's most recent fire time at or before now; undefined when it never fired yet. */
  lastFire?: Date;
  nextFire?: Date;
  scenarios: ScenarioStatus[];
  /** Some scenario of the tier is due. */
  due: boolean;
}

/**
 * Where a tier stands against its calendar. A scenario is due when its latest run started before
 * the tier's most recent fire time: the calendar asked for a drill since, and none was done. A run
 * made by hand (`firedrill run`) counts as much as one the schedule started.
 */
export function tierStatus(
  tier: ScheduleTier,
  scenarios: readonly TierScenario[],
  latest: ReadonlyMap<string, RunRecord>,
  now: Date,
): TierStatus {
  const lastFire = tier.calendar.lastAtOrBefore(now);
  const [nextFire] = tier.calendar.nextAfter(now);
  const statuses = scenarios.map((s): ScenarioStatus => {
    const lastRun = latest.get(s.scenario);
    const due = lastFire !== undefined && (!lastRun || lastRun.startedAt < lastFire);
    return { ...s, ...(lastRun && { lastRun }), due };
  });
  return {
    tier,
    ...(lastFire && { lastFire }),
    ...(nextFire && { nextFire }),
    scenarios: statuses,
    due: statuses.some((s) => s.due),
  };
}

/**
 * The drills `--due` runs: each due scenario once, under the first enabled tier that owes it
 * (a drill listed by two tiers satisfies both with one run).
 */
export function dueWork(statuses: readonly TierStatus[]): Array<{ tier: TierStatus; files: string[] }> {
  const taken = new Set<string>();
  const work: Array<{ tier: TierStatus; files: string[] }> = [];
  for (const status of statuses) {
    if (!status.tier.enabled) continue;
    const files = status.scenarios.filter((s) => s.due && !taken.has(s.file)).map((s) => s.file);
    for (const file of files) taken.add(file);
    if (files.length > 0) work.push({ tier: status, files });
  }
  return work;
}
