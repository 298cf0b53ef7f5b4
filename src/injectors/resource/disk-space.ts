import { formatSize, type Amount } from './amount.js';

/** A filesystem's space in bytes, as `df` counts it (`used / (used + avail)` is its Use%). */
export interface FsUsage {
  size: number;
  used: number;
  /** Free to unprivileged writers (root-reserved blocks excluded). */
  avail: number;
}

export const GIB = 1024 ** 3;
/** Fill files are whole 4 KiB blocks: what a filesystem allocates anyway. */
export const BLOCK = 4096;

/** Parses `df -Pk <path>`: the last line's 1024-blocks, Used and Available columns. */
export function parseDf(text: string): FsUsage | undefined {
  const line = text.trim().split('\n').pop() ?? '';
  // The filesystem name may contain spaces: count columns from the end (capacity, mount point).
  const match = /\s(\d+)\s+(\d+)\s+(\d+)\s+\d+%\s+\S.*$/.exec(line);
  if (!match) return undefined;
  const [size, used, avail] = match.slice(1, 4).map((n) => Number(n) * 1024) as [number, number, number];
  return { size, used, avail };
}

export function usedPercent(fs: FsUsage): number {
  const total = fs.used + fs.avail;
  return total === 0 ? 100 : (fs.used / total) * 100;
}

/**
 * Bytes to write: `size`, or what brings the filesystem to `percent` used (as `df` shows it).
 * Zero when it is already that full.
 */
export function wantedFill(amount: Amount, fs: FsUsage): number {
  if (amount.size !== undefined) return amount.size;
  const target = ((amount.percent ?? 0) / 100) * (fs.used + fs.avail);
  return Math.max(0, Math.ceil(target - fs.used));
}

/** Free space a fill must leave on a filesystem shared with the host: 5% of it or 1 GiB, whichever is more. */
export function safetyMargin(fs: FsUsage): number {
  return Math.max(fs.size * 0.05, GIB);
}

export interface FillPlan {
  bytes: number;
  /** Why less than wanted is written, for the fault's summary. */
  capped?: string;
}

/**
 * How much to write: the wanted bytes in whole blocks, never more than the free space, and with a
 * margin never past it.
 */
export function planFill(wanted: number, fs: FsUsage, margin?: number): FillPlan {
  const blocks = (n: number): number => Math.max(0, Math.floor(n / BLOCK) * BLOCK);
  if (margin !== undefined && wanted > fs.avail - margin) {
    return {
      bytes: blocks(fs.avail - margin),
      capped:
        `capped at ${formatSize(blocks(fs.avail - margin))} to keep ${formatSize(margin)} free ` +
        '(safety margin: 5% of the filesystem or 1 GiB, whichever is more)',
    };
  }
  if (wanted > fs.avail) {
    return {
      bytes: blocks(fs.avail),
      capped: `capped at the ${formatSize(blocks(fs.avail))} free: the filesystem is now full`,
    };
  }
  return { bytes: blocks(wanted) };
}

/** "3.1 GiB used of 10 GiB (31%)". */
export function describeUsage(fs: FsUsage): string {
  return `${formatSize(fs.used)} used of ${formatSize(fs.used + fs.avail)} (${Math.round(usedPercent(fs))}%)`;
}
