import { SystemClock } from '../common/clock.js';
import { ScenarioError, errorMessage, formatProblem } from '../common/errors.js';
import { runDrill } from '../engine/drill-runner.js';
import type { Reporter } from '../reporters/reporter.js';
import { loadScenario } from '../scenario/load.js';
import type { DrillLauncher } from './tier-run.js';

export interface EngineLauncherOptions {
  /** Root of the run directories (the schedule's `reports`). */
  outRoot: string;
  stateRoot: string;
  /** Fresh reporters for each drill. */
  reporters: () => Promise<Reporter[]>;
}

/**
 * Runs a drill file through the engine as `firedrill run` does: loaded (and validated) at the
 * moment it runs, so an edited file is picked up, with its own clock, reporters and run directory.
 */
export function engineLauncher(options: EngineLauncherOptions): DrillLauncher {
  return async (file, signal) => {
    let loaded;
    try {
      loaded = await loadScenario(file);
    } catch (error) {
      if (!(error instanceof ScenarioError))
        return { file, verdict: 'error', reasons: [errorMessage(error)] };
      return {
        file,
        verdict: 'error',
        reasons: [`the drill file is invalid:\n${error.problems.map(formatProblem).join('\n')}`],
        problems: [...error.problems],
      };
    }
    try {
      const { result, runDir } = await runDrill(loaded, {
        clock: new SystemClock(),
        reporters: await options.reporters(),
        outRoot: options.outRoot,
        stateRoot: options.stateRoot,
        keep: false,
        signal,
      });
      return {
        file,
        scenario: result.scenario.name,
        verdict: result.verdict,
        reasons: result.reasons,
        runDir,
        result,
      };
    } catch (error) {
      // runDrill turns drill problems into verdicts; what reaches here is firedrill's own failure.
      return {
        file,
        scenario: loaded.drill.name,
        verdict: 'error',
        reasons: [`internal error: ${errorMessage(error)}`],
      };
    }
  };
}
