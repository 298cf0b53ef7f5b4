import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import type { CronDriver, CronTimer } from './cron-driver.js';
import { tierStatus } from './due.js';
import type { LoadedSchedule, ScheduleTier } from './load-schedule.js';
import type { RunRecord } from './run-history.js';
import type { RunReason, ScheduleListener } from './schedule-events.js';
import { SerialQueue } from './serial-queue.js';
import { readTierScenarios, type ScenarioSources } from './tier-scenarios.js';
import { runTier, type DrillLauncher, type Send } from './tier-run.js';

export interface DaemonOptions {
  loaded: LoadedSchedule;
  clock: Clock;
  cron: CronDriver;
  launch: DrillLauncher;
  sources: ScenarioSources;
  /** The latest run of each scenario that counts (see run-history.ts). */
  latestRuns(): Promise<ReadonlyMap<string, RunRecord>>;
  /** Run a tier whose last fire time passed without its drills, once, at start. */
  catchUp: boolean;
  send?: Send;
  onEvent: ScheduleListener;
}

interface TierJob {
  key: string;
  tier: ScheduleTier;
  reason: RunReason;
  /** Only these files (a catch-up runs what was missed); all of the tier's otherwise. */
  files?: string[];
}

/**
 * The drill calendar as a long-running process: a cron timer per enabled tier, one drill at a
 * time (a tier that comes due while another runs waits its turn, FIFO), missed tiers reported at
 * start, and a stop that aborts the running drill (the engine reverts its faults) and waits for it.
 */
export class ScheduleDaemon {
  private readonly queue: SerialQueue<TierJob>;
  private timers: CronTimer[] = [];
  private stopping: Promise<void> | undefined;
  private resolveDone!: () => void;
  /** Resolves once the daemon has stopped and its last drill has ended. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(private readonly options: DaemonOptions) {
    this.queue = new SerialQueue<TierJob>(
      (job, signal) => this.work(job, signal),
      (job, error) =>
        options.onEvent({
          type: 'tier.end',
          tier: job.tier.name,
          outcomes: [{ file: '', verdict: 'error', reasons: [`internal error: ${errorMessage(error)}`] }],
        }),
    );
  }

  private get enabledTiers(): ScheduleTier[] {
    return this.options.loaded.tiers.filter((tier) => tier.enabled);
  }

  /** Reports (and with catch-up, queues) missed tiers, then starts the timers. */
  async start(): Promise<void> {
    const { clock, loaded, onEvent } = this.options;
    const scenarios = await readTierScenarios(this.enabledTiers, this.options.sources);
    const latest = await this.options.latestRuns();
    const now = clock.wallTime(clock.now());
    for (const tier of this.enabledTiers) {
      const status = tierStatus(tier, scenarios.get(tier.name) ?? [], latest, now);
      if (!status.due || !status.lastFire) continue;
      const missed = status.scenarios.filter((s) => s.due);
      const catchUp = this.options.catchUp;
      onEvent({
        type: 'missed',
        tier: tier.name,
        lastFire: status.lastFire,
        scenarios: missed.map((s) => s.scenario),
        catchUp,
      });
      if (catchUp)
        this.enqueue({ key: tier.name, tier, reason: 'catch-up', files: missed.map((s) => s.file) });
    }
    for (const tier of this.enabledTiers) {
      const spec = { name: tier.name, cron: tier.cron, timezone: loaded.timezone };
      this.timers.push(
        this.options.cron.schedule(spec, {
          fire: (at) => {
            onEvent({ type: 'fired', tier: tier.name, at });
            this.enqueue({ key: tier.name, tier, reason: 'scheduled' });
          },
          missed: (at) => {
            onEvent({
              type: 'missed',
              tier: tier.name,
              lastFire: at,
              scenarios: [],
              catchUp: this.options.catchUp,
            });
            if (this.options.catchUp) this.enqueue({ key: tier.name, tier, reason: 'catch-up' });
          },
        }),
      );
    }
    onEvent({
      type: 'started',
      tiers: this.enabledTiers.map((tier) => {
        const [next] = tier.calendar.nextAfter(now);
        return { name: tier.name, cron: tier.cron, ...(next && { next }) };
      }),
    });
  }

  /** Stops the timers, drops waiting tiers, aborts the running drill and waits for its revert. */
  stop(reason: unknown): Promise<void> {
    this.stopping ??= (async () => {
      for (const timer of this.timers.splice(0)) timer.stop();
      const dropped = this.queue.waiting.map((job) => job.tier.name);
      this.options.onEvent({ type: 'stopping', reason: errorMessage(reason), dropped });
      await this.queue.close(reason);
      this.options.onEvent({ type: 'stopped' });
      this.resolveDone();
    })();
    return this.stopping;
  }

  /** Resolves when no drill runs and none waits (tests, and `--due`-like callers). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private enqueue(job: TierJob): void {
    const running = this.queue.running;
    const result = this.queue.enqueue(job);
    if (result === 'queued' && running)
      this.options.onEvent({ type: 'queued', tier: job.tier.name, behind: running.tier.name });
    if (result === 'already-waiting') this.options.onEvent({ type: 'already-waiting', tier: job.tier.name });
  }

  private async work(job: TierJob, signal: AbortSignal): Promise<void> {
    const files = job.files ?? (await this.options.sources.filesOf(job.tier));
    await runTier(
      { tier: job.tier.name, reason: job.reason, files },
      {
        scheduleFile: this.options.loaded.file,
        launch: this.options.launch,
        ...(this.options.loaded.schedule.notify && { webhook: this.options.loaded.schedule.notify.webhook }),
        ...(this.options.send && { send: this.options.send }),
        onEvent: this.options.onEvent,
        signal,
      },
    );
  }
}
