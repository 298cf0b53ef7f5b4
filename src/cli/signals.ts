import { DrillAbortedError } from '../common/errors.js';
import { ExitCode } from './exit-codes.js';

export interface SignalHandling {
  /** Aborted by the first SIGINT/SIGTERM. */
  signal: AbortSignal;
  dispose(): void;
}

/**
 * SIGINT/SIGTERM abort the running drill: faults are reverted and reports still written, and the
 * run exits 3. A second signal forces: `force` reverts what it can at once (bounded in time), then
 * the process exits 3; a third exits 3 immediately. Never an exit code outside 0-3.
 */
export function abortOnSignals(
  force: (name: NodeJS.Signals) => Promise<void> = async () => undefined,
  exit: (code: number) => void = (code) => process.exit(code),
): SignalHandling {
  const controller = new AbortController();
  let received = 0;
  const handler = (name: NodeJS.Signals): void => {
    received++;
    if (received === 1) {
      console.error(`\nfiredrill: ${name} received: reverting faults and writing reports (again to force)`);
      controller.abort(new DrillAbortedError(`interrupted by ${name}`));
    } else if (received === 2) {
      console.error(`\nfiredrill: second ${name}: reverting what can be reverted now, then exiting`);
      force(name).then(
        () => exit(ExitCode.aborted),
        () => exit(ExitCode.aborted),
      );
    } else {
      console.error(
        `\nfiredrill: ${name} again: exiting now; run \`firedrill cleanup\` to revert what is left`,
      );
      exit(ExitCode.aborted);
    }
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
