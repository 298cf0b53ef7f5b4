import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Busy loops, one per core, started and ended by the bench itself. */
export interface CpuHog {
  readonly workers: number;
  stop(): Promise<void>;
}

/** One `node -e 'for(;;){}'` per core: every core stays busy until `stop()`. */
export function startCpuHog(workers = availableParallelism()): CpuHog {
  const children: ChildProcess[] = Array.from({ length: workers }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  // Whatever ends this process ends the hog too.
  const killAll = (): void => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  return {
    workers,
    async stop() {
      process.removeListener('exit', killAll);
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
