import { Command, Option } from 'commander';
import { SystemClock } from '../../common/clock.js';
import { UsageError } from '../../common/errors.js';
import { runDrill } from '../../engine/drill-runner.js';
import { cleanupLeftovers, type CleanupLine } from '../../engine/cleanup.js';
import { defaultStateRoot } from '../../engine/state-file.js';
import { loadScenario } from '../../scenario/load.js';
import { createReporters, defaultReporters, reporters, type ReporterName } from '../../reporters/registry.js';
import { ExitCode, exitCodeForVerdict } from '../exit-codes.js';
import { prepareOutDir } from '../out-dir.js';
import { abortOnSignals } from '../signals.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run drills: bring the target up, prove the steady state, inject faults, measure, judge')
    .argument('<scenario...>', 'scenario files (kind: Drill)')
    .option('--out <dir>', 'root directory for run directories', 'reports')
    .option('--keep', 'leave the target running after the drill (containers, processes)', false)
    .option('--seed <n>', 'seed for random choices (node selection, corruption offsets)', parseSeed)
    .addOption(
      new Option('--reporter <names...>', 'reporters to use')
        .choices(Object.keys(reporters))
        .default([...defaultReporters]),
    )
    .action(async (files: string[], options: RunCommandOptions) => {
      // Every scenario and the output directory are checked before any drill touches anything.
      const loaded = await Promise.all(files.map((file) => loadScenario(file)));
      await prepareOutDir(options.out);
      const signals = abortOnSignals(revertOwnRuns);
      let exitCode: ExitCode = ExitCode.passed;
      try {
        for (const [index, drill] of loaded.entries()) {
          if (signals.signal.aborted) {
            reportNotRun(loaded.slice(index).map((l) => l.drill.name));
            break;
          }
          const { result } = await runDrill(drill, {
            clock: new SystemClock(),
            reporters: await createReporters(options.reporter),
            outRoot: options.out,
            stateRoot: defaultStateRoot,
            keep: options.keep,
            seed: options.seed,
            signal: signals.signal,
          });
          exitCode = Math.max(exitCode, exitCodeForVerdict[result.verdict]) as ExitCode;
        }
      } finally {
        signals.dispose();
      }
      // Interrupted, whatever the verdicts: what the run was asked to do was not all done.
      if (signals.signal.aborted) exitCode = ExitCode.aborted;
      process.exitCode = exitCode;
    });
}

function reportNotRun(names: readonly string[]): void {
  console.error(`firedrill: interrupted: not run: ${names.join(', ')}`);
}

/** A second signal: replay this process's pending undos and end its processes, at most 10s, then exit. */
async function revertOwnRuns(): Promise<void> {
  const lines = await Promise.race([
    cleanupLeftovers(defaultStateRoot, { only: process.pid }),
    new Promise<CleanupLine[]>((done) => setTimeout(() => done([]), FORCED_REVERT_MS).unref()),
  ]);
  for (const line of lines) console.error(`${line.ok ? 'ok  ' : 'FAIL'}  ${line.text}`);
}

const FORCED_REVERT_MS = 10_000;

interface RunCommandOptions {
  out: string;
  keep: boolean;
  seed?: number;
  reporter: ReporterName[];
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed takes a whole number, found "${text}"`);
  return seed;
}
