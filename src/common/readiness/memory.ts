import { freemem, totalmem } from 'node:os';
import { formatBytes, gib } from './bytes.js';
import type { CheckResult, ReadinessCheck } from './check.js';

/** A small drill (a few containers, Toxiproxy, load) needs about this much. */
export const LOW_MEMORY_BYTES = gib(1);

export function assessMemory(availableBytes: number, totalBytes: number): CheckResult {
  const detail = `${formatBytes(availableBytes)} available of ${formatBytes(totalBytes)}`;
  if (availableBytes >= LOW_MEMORY_BYTES) return { status: 'ok', detail };
  return {
    status: 'warn',
    detail: `${detail} (below ${formatBytes(LOW_MEMORY_BYTES)})`,
    fix: 'stop other containers or processes, or give the machine more memory',
  };
}

export const memoryCheck: ReadinessCheck = {
  name: 'Memory',
  blocking: false,
  // os.freemem() is MemAvailable on Linux: page cache that can be dropped counts as free.
  run: async () => assessMemory(freemem(), totalmem()),
};
