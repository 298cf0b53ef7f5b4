import { Command, Option } from 'commander';
import { SystemClock } from '../../common/clock.js';
import { UsageError } from '../../common/errors.js';
import { runDrill } from '../../engine/drill-runner.js';
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
      const signals = abortOnSignals();
      let exitCode: ExitCode = ExitCode.passed;
      try {
        for (const drill of loaded) {
          if (signals.signal.aborted) break;
          const { result } = await runDrill(drill, {
            clock: new SystemClock(),
            reporters: createReporters(options.reporter),
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
      process.exitCode = exitCode;
    });
}

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
