import { Command, Option } from 'commander';
import { SystemClock } from '../../common/clock.js';
import { UsageError, formatProblem } from '../../common/errors.js';
import { defaultStateRoot } from '../../engine/state-file.js';
import { createReporters, defaultReporters, reporters, type ReporterName } from '../../reporters/registry.js';
import { terminalText } from '../../reporters/terminal-text.js';
import { nodeCronDriver } from '../../schedule/cron-driver.js';
import { ScheduleDaemon } from '../../schedule/daemon.js';
import { engineLauncher } from '../../schedule/engine-launcher.js';
import { describeScheduleEvent } from '../../schedule/event-text.js';
import { formatDueStatus, formatListing, listTiers } from '../../schedule/list.js';
import { emptyGlobWarnings, loadSchedule, type LoadedSchedule } from '../../schedule/load-schedule.js';
import { runDue } from '../../schedule/run-due.js';
import { latestRuns } from '../../schedule/run-history.js';
import type { ScheduleListener } from '../../schedule/schedule-events.js';
import { scheduleSources } from '../../schedule/tier-scenarios.js';
import { formatZoned } from '../../schedule/zoned-time.js';
import { ExitCode, exitCodeForVerdict } from '../exit-codes.js';
import { prepareOutDir } from '../out-dir.js';
import { abortOnSignals } from '../signals.js';

interface ScheduleOptions {
  list: boolean;
  count: number;
  due: boolean;
  dryRun: boolean;
  catchUp: boolean;
  out?: string;
  reporter: ReporterName[];
}

export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description(
      'run the drill calendar: a daemon firing each tier on its cron, one drill at a time ' +
        '(--list prints the next fire times, --due runs what is due and exits)',
    )
    .argument('<schedule>', 'schedule file (kind: Schedule)')
    .option('--list', 'print each tier’s next fire times and drills, then exit', false)
    .option('--count <n>', 'fire times per tier for --list', parseCount, 3)
    .option('--due', 'run the drills due according to the run history, then exit (for cron or CI)', false)
    .option('--dry-run', 'with --due: show what is due without running it', false)
    .option('--catch-up', 'daemon: at start, run tiers that missed their last fire time (once)', false)
    .option('--out <dir>', 'root of the run directories (default: the schedule’s `reports`)')
    .addOption(
      new Option('--reporter <names...>', 'reporters for each drill')
        .choices(Object.keys(reporters))
        .default([...defaultReporters]),
    )
    .action(async (file: string, options: ScheduleOptions) => {
      if (options.list && options.due) throw new UsageError('--list and --due do not go together: pick one');
      if (options.dryRun && !options.due) throw new UsageError('--dry-run goes with --due');
      const loaded = await loadSchedule(file);
      if (options.list) {
        const listing = await listTiers(loaded, new Date(), options.count);
        console.log(formatListing(loaded, listing, process.cwd()).join('\n'));
        return;
      }
      for (const warning of await emptyGlobWarnings(loaded))
        console.error(`warning: ${formatProblem(warning)}`);
      // As for `run --out`: an unusable output root is refused before the calendar starts a drill.
      if (!options.dryRun) await prepareOutDir(options.out ?? loaded.schedule.reports);
      process.exitCode = options.due ? await due(loaded, options) : await daemon(loaded, options);
    });
}

function context(loaded: LoadedSchedule, options: ScheduleOptions) {
  const outRoot = options.out ?? loaded.schedule.reports;
  const launch = engineLauncher({
    outRoot,
    stateRoot: defaultStateRoot,
    reporters: () => createReporters(options.reporter),
  });
  const print: ScheduleListener = (event) => {
    const lines = describeScheduleEvent(event, { timezone: loaded.timezone, cwd: process.cwd() });
    const stamp = formatZoned(new Date(), loaded.timezone);
    for (const line of lines) console.log(`[${stamp}] ${terminalText(line)}`);
  };
  return { outRoot, launch, print, sources: scheduleSources(loaded) };
}

async function due(loaded: LoadedSchedule, options: ScheduleOptions): Promise<ExitCode> {
  const { outRoot, launch, print, sources } = context(loaded, options);
  const signals = abortOnSignals();
  try {
    const report = await runDue({
      loaded,
      now: new Date(),
      sources,
      latest: await latestRuns(outRoot),
      launch,
      onEvent: print,
      signal: signals.signal,
      dryRun: options.dryRun,
    });
    if (options.dryRun)
      console.log(formatDueStatus(report.statuses, loaded.timezone, process.cwd()).join('\n'));
    else if (report.outcomes.length === 0)
      console.log('nothing is due: every tier’s drills ran since its last fire time');
    return report.outcomes.reduce<ExitCode>(
      (worst, o) => Math.max(worst, exitCodeForVerdict[o.verdict]) as ExitCode,
      ExitCode.passed,
    );
  } finally {
    signals.dispose();
  }
}

async function daemon(loaded: LoadedSchedule, options: ScheduleOptions): Promise<ExitCode> {
  const { outRoot, launch, print, sources } = context(loaded, options);
  const signals = abortOnSignals();
  try {
    const daemon = new ScheduleDaemon({
      loaded,
      clock: new SystemClock(),
      cron: nodeCronDriver,
      launch,
      sources,
      latestRuns: () => latestRuns(outRoot),
      catchUp: options.catchUp || loaded.schedule.catch_up,
      onEvent: print,
    });
    // The first signal stops the calendar and reverts the running drill; a second one forces.
    signals.signal.addEventListener('abort', () => void daemon.stop(signals.signal.reason), { once: true });
    await daemon.start();
    await daemon.done;
    // Stopping on request is a clean end: the drill it interrupted is in its reports as aborted.
    return ExitCode.passed;
  } finally {
    signals.dispose();
  }
}

function parseCount(text: string): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 100)
    throw new UsageError(`--count takes a whole number from 1 to 100, found "${text}"`);
  return count;
}
