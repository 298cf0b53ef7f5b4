import { readFile } from 'node:fs/promises';

/**
 * SIGKILLs a container's main process from the host, as a crash would, when that process is
 * visible here: `docker kill` marks the container as stopped by hand, and Docker then ignores its
 * restart policy, so a drill could never see the policy bring the node back. The process is
 * signalled only when its cgroup names the container (a firedrill running inside another
 * container sees a different pid namespace, where the pid means something else). Returns false
 * when it could not (remote engine, no permission): the caller falls back to `docker kill`.
 */
export async function crashKill(containerId: string, pid: number): Promise<boolean> {
  if (!pid || !(await inContainer(containerId, pid))) return false;
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

/**
 * True once the container's process has died (gone, a zombie, or its pid now names another
 * process). The kernel knows at once; Docker records the exit 150-300 ms later.
 */
export async function processGone(containerId: string, pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return true;
  } catch {
    return true;
  }
  return !(await inContainer(containerId, pid));
}

async function inContainer(containerId: string, pid: number): Promise<boolean> {
  try {
    return (await readFile(`/proc/${pid}/cgroup`, 'utf8')).includes(containerId);
  } catch {
    return false;
  }
}
