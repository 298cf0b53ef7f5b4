import { relative } from 'node:path';
import { Command, Option } from 'commander';
import { SystemClock } from '../../common/clock.js';
import { UsageError } from '../../common/errors.js';
import { buildIndex, writeIndex } from '../../history/build-index.js';
import { createReporters, fileReporters, reporters, type ReporterName } from '../../reporters/registry.js';
import { readRunResult } from '../../reporters/result-file.js';
import { terminalText } from '../../reporters/terminal-text.js';
import { withSeriesFromFile } from './report-series.js';

interface ReportOptions {
  reporter: ReporterName[];
  index?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      "re-render run directories' reports from their result.json and sample file; --index builds the history",
    )
    .argument('[run-dir...]', 'run directories (reports/<scenario>/<timestamp>-<runId>)')
    .addOption(
      new Option('--reporter <names...>', 'reporters to render')
        .choices(Object.keys(reporters))
        .default([...fileReporters]),
    )
    .option(
      '--index <reports-dir>',
      'write <reports-dir>/index.json and index.html: every run, trends, regressions',
    )
    .action(async (dirs: string[], options: ReportOptions) => {
      if (dirs.length === 0 && options.index === undefined)
        throw new UsageError('nothing to report: name run directories or --index <reports-dir>', {
          hint: 'firedrill report reports/<scenario>/<run>  or  firedrill report --index reports',
        });
      // Every directory is checked before anything is written.
      const results = dirs.map((dir) => ({ dir, result: readRunResult(dir) }));
      for (const { dir, result: read } of results) {
        const result = await withSeriesFromFile(read, dir);
        for (const reporter of await createReporters(options.reporter))
          await reporter.onDrillEnd?.(result, dir);
        console.log(terminalText(`${dir}: ${result.verdict} (${options.reporter.join(', ')})`));
      }
      if (options.index !== undefined) await printIndex(options.index);
    });
}

async function printIndex(reportsDir: string): Promise<void> {
  const clock = new SystemClock();
  const index = await buildIndex(reportsDir, clock.wallTime(clock.now()));
  const written = writeIndex(reportsDir, index);
  const scenarios = index.scenarios.length;
  // Scenario names, run ids and directory names come from the result files being read.
  const lines = [
    `index: ${index.runs.length} runs of ${scenarios} scenario${scenarios === 1 ? '' : 's'}, ` +
      `${index.regressions.length} regression${index.regressions.length === 1 ? '' : 's'} → ${displayPath(written.html)}`,
    ...index.regressions.map((r) => `  regression: ${r.scenario} ${r.runId} ${r.metric}`),
    ...index.skipped.map((s) => `  skipped ${s.dir}: ${s.reason}`),
  ];
  for (const line of lines) console.log(terminalText(line));
}

/** Relative to the working directory when inside it, else as absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
