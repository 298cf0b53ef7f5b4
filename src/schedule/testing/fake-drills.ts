import { basename } from 'node:path';
import type { Clock } from '../../common/clock.js';
import type { Verdict } from '../../result/index.js';
import type { ScheduleTier } from '../load-schedule.js';
import type { DrillOutcome } from '../schedule-events.js';
import type { ScenarioSources } from '../tier-scenarios.js';
import type { DrillLauncher } from '../tier-run.js';

export interface LaunchRecord {
  file: string;
  startedAt: Date;
  endedAt?: Date;
  outcome?: DrillOutcome;
}

/**
 * Drills that take time on a fake clock: the daemon's queue can be tested without processes.
 * Each drill lasts `durationMs(file)` and ends with `verdict(file)`; an abort ends it `aborted`.
 */
export function clockDrills(
  clock: Clock,
  durationMs: (file: string) => number,
  verdict: (file: string) => Verdict = () => 'passed',
): { launch: DrillLauncher; launches: LaunchRecord[] } {
  const launches: LaunchRecord[] = [];
  const wall = (): Date => clock.wallTime(clock.now());
  const launch: DrillLauncher = async (file, signal) => {
    const record: LaunchRecord = { file, startedAt: wall() };
    launches.push(record);
    const scenario = basename(file, '.yaml');
    let outcome: DrillOutcome;
    try {
      const ms = durationMs(file);
      if (ms > 0) await clock.sleep(ms, signal); // a fake clock's sleep waits for advance(), even for 0
      signal.throwIfAborted();
      outcome = { file, scenario, verdict: verdict(file), reasons: [] };
    } catch (error) {
      outcome = { file, scenario, verdict: 'aborted', reasons: [String((error as Error)?.message ?? error)] };
    }
    record.endedAt = wall();
    record.outcome = outcome;
    return outcome;
  };
  return { launch, launches };
}

/** Each tier runs `<tier>-<n>.yaml` files named in `files`; the scenario name is the file's base name. */
export function fixedSources(files: Record<string, string[]>): ScenarioSources {
  return {
    filesOf: (tier: ScheduleTier) => Promise.resolve(files[tier.name] ?? []),
    nameOf: (file: string) => Promise.resolve(basename(file, '.yaml')),
  };
}
