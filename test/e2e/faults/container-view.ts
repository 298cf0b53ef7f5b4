import { dockerClient } from '../../../src/common/docker.js';
import { execInContainer } from '../../../src/targets/docker/container-exec.js';

/**
 * What a user sees of a container from outside firedrill: `docker exec` (df, od, ls, /proc) and
 * `docker stats`. The fault tests check their effects with these, not with the injectors' code.
 */

/** `docker exec <id> sh -c <script>`; fails on a non-zero exit. */
export async function dockerExec(id: string, script: string): Promise<string> {
  const result = await execInContainer(dockerClient(), id, ['sh', '-c', script], { timeoutMs: 30_000 });
  if (result.exitCode !== 0)
    throw new Error(`docker exec ${script}: exit ${result.exitCode}: ${result.stderr}`);
  return result.stdout;
}

/** `df -Pk <dir>`: used and available KiB, and Use%. */
export async function df(
  id: string,
  dir: string,
): Promise<{ usedKib: number; availKib: number; percent: number }> {
  const line = (await dockerExec(id, `df -Pk ${dir}`)).trim().split('\n').pop() ?? '';
  const [, , used, avail, percent] = line.split(/\s+/);
  return { usedKib: Number(used), availKib: Number(avail), percent: Number(percent?.replace('%', '')) };
}

/** Every process of the container: "pid cmdline", from /proc (images without ps included). */
export async function processes(id: string): Promise<string[]> {
  const script = `for p in /proc/[0-9]*; do c=$(tr '\\0' ' ' < $p/cmdline 2>/dev/null); [ -n "$c" ] && echo "\${p#/proc/} $c"; done; true`;
  return (await dockerExec(id, script))
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.includes('/proc/[0-9]*')); // not the listing shell itself
}

/** Memory in use as `docker stats` shows it (cgroup v1: usage minus page cache). */
export async function statsMemory(id: string): Promise<number> {
  const stats = (await dockerClient().getContainer(id).stats({ stream: false })) as unknown as {
    memory_stats: { usage: number; stats: { cache?: number; inactive_file?: number } };
  };
  const { usage, stats: detail } = stats.memory_stats;
  return usage - (detail.cache ?? detail.inactive_file ?? 0);
}

/** CPU time the container used over `ms`, in percent of one core (docker stats' CPU %). */
export async function cpuPercent(id: string, ms = 1000): Promise<number> {
  const read = async (): Promise<number> =>
    Number((await dockerExec(id, 'cat /sys/fs/cgroup/cpuacct/cpuacct.usage')).trim());
  const before = await read();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const used = (await read()) - before;
  return (used / 1e6 / (performance.now() - started)) * 100;
}

/** The bytes at `offsets` of a file (od, one byte each). */
export async function bytesAt(id: string, path: string, offsets: readonly number[]): Promise<number[]> {
  const script = offsets.map((o) => `od -An -tu1 -j ${o} -N 1 ${path}`).join('; ');
  return (await dockerExec(id, script)).split(/\s+/).filter(Boolean).map(Number);
}

/** Names in a directory, firedrill's own files among them. */
export async function listing(id: string, dir: string): Promise<string[]> {
  return (await dockerExec(id, `ls -A ${dir}`)).split('\n').filter(Boolean);
}
