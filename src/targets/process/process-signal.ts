import { SystemClock, type Clock } from '../../common/clock.js';
import { TargetError } from '../../common/errors.js';
import { isAlive, readProcStat, type ProcStat } from './proc-stat.js';
import { pollUntil } from './poll.js';

/** Enough to recognise one process: a NodeRef or Resource of kind `process` both qualify. */
export interface ProcessIdentity {
  pid: number;
  startTime: string;
}

export type SignalOutcome = 'signalled' | 'gone' | 'pid reused';

/**
 * Signals a process recorded earlier, also when the firedrill process that started it is gone
 * (`firedrill cleanup`). The start time must still match, so a recycled pid is never hit. A
 * process that leads its own group (every supervised node does) is signalled as a group, so that
 * its children are paused, resumed or killed with it.
 */
export async function signalProcessRef(ref: ProcessIdentity, signal: NodeJS.Signals): Promise<SignalOutcome> {
  const stat = await readProcStat(ref.pid);
  if (!isAlive(stat)) return 'gone';
  if (stat.startTime !== ref.startTime) return 'pid reused';
  return sendToGroupOf(stat, signal) ? 'signalled' : 'gone';
}

export type TerminateOutcome = 'terminated' | 'killed' | 'gone' | 'pid reused';

export interface TerminateOptions {
  /** Time between SIGTERM and SIGKILL. */
  graceMs: number;
  clock?: Clock;
  signal?: AbortSignal;
}

/**
 * Ends a leftover process group: SIGTERM (and SIGCONT, as a paused process would not act on it),
 * then SIGKILL after the grace period. Resolves once the group leader is verified gone.
 */
export async function terminateProcessGroup(
  ref: ProcessIdentity,
  options: TerminateOptions,
): Promise<TerminateOutcome> {
  const clock = options.clock ?? new SystemClock();
  const first = await signalProcessRef(ref, 'SIGTERM');
  if (first !== 'signalled') return first;
  await signalProcessRef(ref, 'SIGCONT');
  const gone = (): Promise<boolean> => isGone(ref);
  if (await pollUntil(gone, { clock, timeoutMs: options.graceMs, intervalMs: 50, signal: options.signal })) {
    return 'terminated';
  }
  if ((await signalProcessRef(ref, 'SIGKILL')) !== 'signalled') return 'terminated';
  if (await pollUntil(gone, { clock, timeoutMs: 5000, intervalMs: 20, signal: options.signal }))
    return 'killed';
  throw new TargetError(`process ${ref.pid} survived SIGKILL for 5s`, {
    hint: 'it may be stuck in uninterruptible I/O (state D); check it with ps',
  });
}

async function isGone(ref: ProcessIdentity): Promise<boolean> {
  const stat = await readProcStat(ref.pid);
  return !isAlive(stat) || stat.startTime !== ref.startTime;
}

/** Sends to the process's group when it leads one; false when it vanished meanwhile. */
export function sendToGroupOf(stat: ProcStat, signal: NodeJS.Signals): boolean {
  try {
    process.kill(stat.pgrp === stat.pid ? -stat.pid : stat.pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
