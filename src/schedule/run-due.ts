import { dueWork, tierStatus, type TierStatus } from './due.js';
import type { LoadedSchedule } from './load-schedule.js';
import type { RunRecord } from './run-history.js';
import type { DrillOutcome, ScheduleListener } from './schedule-events.js';
import { readTierScenarios, type ScenarioSources } from './tier-scenarios.js';
import { runTier, type DrillLauncher, type Send } from './tier-run.js';

export interface DueOptions {
  loaded: LoadedSchedule;
  now: Date;
  sources: ScenarioSources;
  latest: ReadonlyMap<string, RunRecord>;
  launch: DrillLauncher;
  send?: Send;
  onEvent: ScheduleListener;
  signal: AbortSignal;
  /** Work out what is due without running it. */
  dryRun?: boolean;
}

export interface DueReport {
  /** Every enabled tier against its calendar. */
  statuses: TierStatus[];
  outcomes: DrillOutcome[];
}

/**
 * `firedrill schedule --due`: compares the history with the calendar and runs, one at a time,
 * each drill whose tier fired since it last ran. For system cron or a scheduled CI job: run it as
 * often as the finest tier, and it does each drill once per fire time.
 */
export async function runDue(options: DueOptions): Promise<DueReport> {
  const tiers = options.loaded.tiers.filter((tier) => tier.enabled);
  const scenarios = await readTierScenarios(tiers, options.sources);
  const statuses = tiers.map((tier) =>
    tierStatus(tier, scenarios.get(tier.name) ?? [], options.latest, options.now),
  );
  const outcomes: DrillOutcome[] = [];
  if (options.dryRun) return { statuses, outcomes };
  for (const { tier, files } of dueWork(statuses)) {
    if (options.signal.aborted) break;
    outcomes.push(
      ...(await runTier(
        { tier: tier.tier.name, reason: 'due', files },
        {
          scheduleFile: options.loaded.file,
          launch: options.launch,
          ...(options.loaded.schedule.notify && { webhook: options.loaded.schedule.notify.webhook }),
          ...(options.send && { send: options.send }),
          onEvent: options.onEvent,
          signal: options.signal,
        },
      )),
    );
  }
  return { statuses, outcomes };
}
