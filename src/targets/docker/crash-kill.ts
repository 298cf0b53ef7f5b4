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
  if (!pid) return false;
  try {
    const cgroup = await readFile(`/proc/${pid}/cgroup`, 'utf8');
    if (!cgroup.includes(containerId)) return false;
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
