import { closeSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { SystemClock, type Clock } from '../../common/clock.js';
import { TargetError } from '../../common/errors.js';
import { appendTo, openAppendSafely } from '../../common/safe-write.js';
import { isAlive, readProcStat, readProcStatSync } from '../../targets/process/proc-stat.js';
import { pollUntil } from '../../targets/process/poll.js';
import { signalProcessRef, type ProcessIdentity } from '../../targets/process/process-signal.js';

/**
 * A file naming host processes firedrill started for a fault (memory and CPU hogs), one
 * `<pid> <start time>` per line. Its path goes into the fault's undo step before any process is
 * spawned, so `firedrill cleanup` finds and ends them even after firedrill itself was killed.
 */
export function recordProcess(pidFile: string, pid: number): ProcessIdentity {
  // Read at once: the start time is what tells this process from a later one given the same pid.
  const startTime = readProcStatSync(pid)?.startTime ?? 'unknown';
  mkdirSync(dirname(pidFile), { recursive: true });
  const fd = openAppendSafely(pidFile);
  try {
    appendTo(fd, `${pid} ${startTime}\n`);
  } finally {
    closeSync(fd);
  }
  return { pid, startTime };
}

export function readPidFile(pidFile: string): ProcessIdentity[] {
  let text: string;
  try {
    text = readFileSync(pidFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, start]) => /^\d+$/.test(pid ?? '') && start)
    .map(([pid, start]) => ({ pid: Number(pid), startTime: start as string }));
}

/** True while the recorded process runs (a recycled pid with another start time does not count). */
export async function isRecordedAlive(ref: ProcessIdentity): Promise<boolean> {
  const stat = await readProcStat(ref.pid);
  return isAlive(stat) && stat.startTime === ref.startTime;
}

/**
 * SIGKILLs every process of the file (with its group when it leads one), waits until they are
 * gone, then deletes the file. Resolves with what it did; a missing file means nothing was started.
 */
export async function killPidFile(pidFile: string, clock: Clock = new SystemClock()): Promise<string> {
  const refs = readPidFile(pidFile);
  if (refs.length === 0) {
    rmSync(pidFile, { force: true });
    return 'no process to stop';
  }
  for (const ref of refs) await signalProcessRef(ref, 'SIGKILL');
  const allGone = async (): Promise<boolean> => {
    for (const ref of refs) if (await isRecordedAlive(ref)) return false;
    return true;
  };
  if (!(await pollUntil(allGone, { clock, timeoutMs: 5000, intervalMs: 20 }))) {
    throw new TargetError(`processes of ${pidFile} survived SIGKILL for 5s`, {
      hint: 'they may be stuck in uninterruptible I/O (state D); check them with ps',
    });
  }
  rmSync(pidFile, { force: true });
  return `stopped pid ${refs.map((r) => r.pid).join(', ')}`;
}
