import { DrillAbortedError } from '../common/errors.js';

/**
 * SIGINT/SIGTERM abort the running drill: faults are reverted and reports still written. A second
 * signal forces an immediate exit (what is pending stays in the state file for `firedrill cleanup`).
 */
export function abortOnSignals(onForce: () => void = () => process.exit(130)): {
  signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const handler = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      console.error(
        `\nfiredrill: second ${name}: exiting now; run \`firedrill cleanup\` to revert what is left`,
      );
      onForce();
      return;
    }
    console.error(`\nfiredrill: ${name} received: reverting faults and writing reports (again to force)`);
    controller.abort(new DrillAbortedError(`interrupted by ${name}`));
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
