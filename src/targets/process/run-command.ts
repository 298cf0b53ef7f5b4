import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { TargetError, TimeoutError, errorMessage } from '../../common/errors.js';
import type { ExecResult } from '../target.js';

export interface RunCommandOptions {
  cwd?: string;
  /** Extra variables over firedrill's environment. */
  env?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const MAX_OUTPUT = 1 << 20;

/**
 * Runs a command on the host and collects its output. It runs in its own process group so that a
 * timeout or abort ends the whole command (a shell and what it started), not just its first process.
 * Exit by signal reports the shell convention, 128 + signal number.
 */
export function runCommand(argv: readonly string[], options: RunCommandOptions = {}): Promise<ExecResult> {
  const [file, ...args] = argv;
  if (!file) return Promise.reject(new TargetError('exec: empty command'));
  return new Promise((resolve, reject) => {
    options.signal?.throwIfAborted();
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-MAX_OUTPUT)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-MAX_OUTPUT)));
    let failure: Error | undefined;
    const end = (error: Error): void => {
      failure ??= error;
      if (child.pid !== undefined) killGroup(child.pid);
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(
            () => end(new TimeoutError(`command timed out after ${options.timeoutMs}ms: ${argv.join(' ')}`)),
            options.timeoutMs,
          );
    const onAbort = (): void => end(options.signal?.reason ?? new Error('aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    child.once('error', (error) => {
      finish();
      reject(new TargetError(`could not run ${argv.join(' ')}: ${errorMessage(error)}`));
    });
    child.once('close', (code, signal) => {
      finish();
      if (failure) return reject(failure);
      resolve({ exitCode: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout, stderr });
    });
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
