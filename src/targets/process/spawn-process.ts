import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { Clock } from '../../common/clock.js';
import { TargetError, errorMessage } from '../../common/errors.js';
import type { NodeOutput } from './node-output.js';
import type { NodeSpec } from './node-spec.js';
import { readProcStatSync } from './proc-stat.js';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Clock time the exit was seen. */
  at: number;
}

/** One spawned incarnation of a node: a node gets a new one at every (re)start. */
export interface SpawnedProcess {
  readonly pid: number;
  /** From /proc/<pid>/stat: with the pid, it names this process even after the pid is recycled. */
  readonly startTime: string;
  readonly child: ChildProcess;
  /** Set once the process exited. */
  exit: ExitInfo | undefined;
  readonly exited: Promise<ExitInfo>;
  /** firedrill stopped it on purpose: the supervisor must not restart it. */
  expectedExit: boolean;
}

/**
 * Spawns a node in its own process group (`detached`): a Ctrl-C in firedrill's terminal does not
 * reach it, and signals to the group reach its children too.
 */
export async function spawnProcess(
  spec: NodeSpec,
  clock: Clock,
  output: NodeOutput,
): Promise<SpawnedProcess> {
  await checkCwd(spec);
  const [file, ...args] = spec.argv;
  const child = spawn(file, args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new TargetError(`could not start node ${spec.name} (${spec.display}): ${errorMessage(error)}`, {
      hint: 'check that the program exists and is executable, or write the command as one string to run it through /bin/sh',
    });
  }
  const pid = child.pid;
  const startTime = readProcStatSync(pid)?.startTime ?? 'unknown';
  let resolveExit!: (exit: ExitInfo) => void;
  const proc: SpawnedProcess = {
    pid,
    startTime,
    child,
    exit: undefined,
    exited: new Promise((resolve) => (resolveExit = resolve)),
    expectedExit: false,
  };
  child.once('exit', (code, signal) => {
    proc.exit = { code, signal, at: clock.now() };
    resolveExit(proc.exit);
  });
  output.attach(child.stdout!, 'stdout');
  output.attach(child.stderr!, 'stderr');
  return proc;
}

async function checkCwd(spec: NodeSpec): Promise<void> {
  const info = await stat(spec.cwd).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new TargetError(`working directory of node ${spec.name} does not exist: ${spec.cwd}`, {
      hint: "cwd is relative to the scenario file's directory",
    });
  }
}

/** Signals a live process's whole group; false when it is already gone. */
export function signalGroup(proc: SpawnedProcess, signal: NodeJS.Signals): boolean {
  if (proc.exit) return false;
  try {
    process.kill(-proc.pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** Resolves with the exit, or undefined if the process is still there after `timeoutMs`. */
export async function waitExit(
  proc: SpawnedProcess,
  clock: Clock,
  timeoutMs: number,
): Promise<ExitInfo | undefined> {
  if (proc.exit) return proc.exit;
  const stop = new AbortController();
  const timeout = clock.sleep(timeoutMs, stop.signal).then(
    () => undefined,
    () => undefined,
  );
  try {
    return await Promise.race([proc.exited, timeout]);
  } finally {
    stop.abort();
  }
}

/** "exit code 1", "signal SIGKILL". */
export function describeExit(exit: ExitInfo): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}
