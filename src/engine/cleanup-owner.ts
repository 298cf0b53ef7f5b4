import { hostname } from 'node:os';

/**
 * The owner label's process when it is still alive ("pid 123" or "a process on host h"), else
 * undefined. A process on another host sharing the engine cannot be checked: it counts as alive.
 */
export function liveOwner(owner: string | undefined): string | undefined {
  const match = /^(.*):(\d+)$/.exec(owner ?? '');
  if (!match) return undefined;
  const [, host, pid] = match;
  if (host !== hostname()) return `a process on host ${host}`;
  return Number(pid) !== process.pid && isAlive(Number(pid)) ? `pid ${pid}` : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
