import { Command, Option } from 'commander';
import { SystemClock } from '../../common/clock.js';
import { terminalText } from '../../reporters/terminal-text.js';
import { gateRows, parseFailOn } from '../../status/fail-on.js';
import { renderStatusMarkdown } from '../../status/render-markdown.js';
import { renderStatusText } from '../../status/render-text.js';
import { parseSince } from '../../status/since.js';
import { readStatus } from '../../status/status-sources.js';
import { statusLabels } from '../../status/status-text.js';
import { ExitCode } from '../exit-codes.js';

interface StatusOptions {
  reports: string;
  since: string;
  format: 'text' | 'markdown' | 'json';
  failOn?: string;
  schedule?: string[];
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'the recovery tables: per failure class its claim, target, measured values over a period and a ' +
        'status (validated, failed, claim broken, stale, UNTESTED), the RPO table and MTTR',
    )
    .argument('<objectives...>', 'objectives tables (kind: Objectives)')
    .option('--reports <dir>', 'the run history: the directory `firedrill run --out` writes to', 'reports')
    .option('--since <period>', 'the period measured values are taken from: 90d, 12w, 36h', '90d')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'),
    )
    .option('--fail-on <statuses>', 'exit 1 when a row is one of: untested,stale,failed,claim-broken')
    .option(
      '--schedule <files...>',
      'schedule files giving each drill its tier (default: the schedule.yaml nearest each table)',
    )
    .action(async (tables: string[], options: StatusOptions) => {
      // Both are checked before anything is read: a typo is a usage error, not a passing gate.
      const sinceMs = parseSince(options.since);
      const failOn = options.failOn === undefined ? [] : parseFailOn(options.failOn);
      const clock = new SystemClock();
      const { report, skipped } = await readStatus({
        tableFiles: tables,
        reportsDir: options.reports,
        ...(options.schedule && { scheduleFiles: options.schedule }),
        now: clock.wallTime(clock.now()),
        sinceMs,
        sinceText: options.since,
      });
      if (options.format === 'json') console.log(JSON.stringify(report, null, 2));
      else if (options.format === 'markdown') console.log(renderStatusMarkdown(report));
      else console.log(renderStatusText(report));
      for (const s of skipped) console.error(terminalText(`skipped ${s.dir}: ${s.reason}`));
      const failing = gateRows(report, failOn);
      for (const row of failing) {
        const statuses = row.conditions.filter((c) => failOn.includes(c)).map((c) => statusLabels[c]);
        console.error(terminalText(`fail-on: ${row.class} ${row.objective} is ${statuses.join(', ')}`));
      }
      process.exitCode = failing.length > 0 ? ExitCode.failed : ExitCode.passed;
    });
}
