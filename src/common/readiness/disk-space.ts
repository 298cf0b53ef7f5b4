import { statfs } from 'node:fs/promises';
import { formatBytes, gib } from './bytes.js';
import type { CheckResult, ReadinessCheck, ReadinessContext } from './check.js';

/** Images, disk-fill faults and run reports all need room; below this, drills may fail mid-way. */
export const LOW_DISK_BYTES = gib(2);

export interface FreeSpace {
  path: string;
  freeBytes: number;
}

export function assessDiskSpace(spaces: readonly FreeSpace[]): CheckResult {
  const detail = spaces.map((s) => `${formatBytes(s.freeBytes)} free at ${s.path}`).join('; ');
  const low = spaces.filter((s) => s.freeBytes < LOW_DISK_BYTES);
  if (low.length === 0) return { status: 'ok', detail };
  return {
    status: 'warn',
    detail: `${detail} (below ${formatBytes(LOW_DISK_BYTES)})`,
    fix: `free space at ${low.map((s) => s.path).join(', ')} (e.g. \`docker system prune\`, old reports/)`,
  };
}

async function freeSpace(path: string): Promise<FreeSpace | undefined> {
  try {
    const stats = await statfs(path);
    return { path, freeBytes: stats.bavail * stats.bsize };
  } catch {
    return undefined; // e.g. Docker's root directory on a remote engine
  }
}

/** The working directory (reports) and, for a local engine, Docker's root directory (images). */
async function gather(context: ReadinessContext): Promise<FreeSpace[]> {
  const engine = await context.engine();
  const local = engine.endpoint.startsWith('unix://');
  const rootDir = engine.reachable && local ? engine.rootDir : undefined;
  const spaces = await Promise.all([context.cwd, rootDir].filter((p) => p !== undefined).map(freeSpace));
  return spaces.filter((s) => s !== undefined);
}

export const diskSpaceCheck: ReadinessCheck = {
  name: 'Free disk',
  blocking: false,
  run: async (context) => assessDiskSpace(await gather(context)),
};
