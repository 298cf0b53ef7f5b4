import { FaultNoEffectError } from '../../common/errors.js';
import type { FileBytes } from './file-bytes.js';

export const corruptionModes = ['bitflip', 'zero', 'truncate', 'garbage'] as const;
export type CorruptionMode = (typeof corruptionModes)[number];

/** One changed byte: the reported offsets are where a checker must find different bytes. */
export interface ByteChange {
  offset: number;
  old: number;
  new: number;
}

export type Corruption =
  | { mode: 'bitflip' | 'zero' | 'garbage'; size: number; changes: ByteChange[] }
  | {
      mode: 'truncate';
      oldSize: number;
      newSize: number;
      /** hex of the first removed bytes (at most 64) */ removed: string;
    };

/** How many places a zero run is tried before the file counts as zeros there. */
const ZERO_ATTEMPTS = 16;

/**
 * Corrupts the file: every choice (offsets, bits, garbage bytes) comes from `random`, so the same
 * seed on the same file corrupts the same bytes. Verifies the bytes changed before resolving.
 */
export async function corrupt(
  file: FileBytes,
  mode: CorruptionMode,
  count: number,
  random: () => number,
): Promise<Corruption> {
  const size = await file.size();
  if (size === 0) throw new FaultNoEffectError(`cannot corrupt ${file.label}: the file is empty`);
  if (mode === 'truncate') return truncate(file, size, count);
  const changes = await chooseChanges(file, mode, size, Math.min(count, size), random);
  await file.write(changes.map((c) => ({ offset: c.offset, value: c.new })));
  const now = await file.readAt(changes.map((c) => c.offset));
  const unchanged = changes.filter((c, i) => now[i] !== c.new);
  if (unchanged.length > 0) {
    throw new FaultNoEffectError(
      `${file.label}: ${unchanged.length} of ${changes.length} bytes did not take their new value ` +
        `(first at offset ${unchanged[0]?.offset})`,
      { hint: 'is the file read-only, or rewritten by the node right away?' },
    );
  }
  return { mode, size, changes };
}

async function chooseChanges(
  file: FileBytes,
  mode: 'bitflip' | 'zero' | 'garbage',
  size: number,
  count: number,
  random: () => number,
): Promise<ByteChange[]> {
  if (mode === 'bitflip') {
    const offsets = distinctOffsets(size, count, random);
    const olds = await file.readAt(offsets);
    return offsets.map((offset, i) => {
      const old = olds[i] ?? 0;
      return { offset, old, new: old ^ (1 << Math.floor(random() * 8)) };
    });
  }
  for (let attempt = 0; attempt < (mode === 'zero' ? ZERO_ATTEMPTS : 1); attempt++) {
    const start = Math.floor(random() * (size - count + 1));
    const olds = await file.read(start, count);
    const changes = olds.map((old, i) => ({
      offset: start + i,
      old,
      // Garbage never repeats the old byte (xor with 1..255), so every reported byte differs.
      new: mode === 'zero' ? 0 : old ^ (1 + Math.floor(random() * 255)),
    }));
    const real = changes.filter((c) => c.old !== c.new);
    if (real.length > 0) return real;
  }
  throw new FaultNoEffectError(
    `cannot zero ${file.label}: ${ZERO_ATTEMPTS} runs of ${count} bytes were all zeros already`,
    {
      hint: 'the file is (mostly) zeros: use mode bitflip or garbage',
    },
  );
}

async function truncate(file: FileBytes, size: number, count: number): Promise<Corruption> {
  const newSize = Math.max(0, size - count);
  const removed = Buffer.from(await file.read(newSize, Math.min(64, size - newSize))).toString('hex');
  await file.truncate(newSize);
  const now = await file.size();
  if (now !== newSize)
    throw new FaultNoEffectError(`${file.label} is ${now} bytes after truncating it to ${newSize}`);
  return { mode: 'truncate', oldSize: size, newSize, removed };
}

/** `count` different offsets in [0, size), sorted. */
export function distinctOffsets(size: number, count: number, random: () => number): number[] {
  const chosen = new Set<number>();
  if (count * 2 > size) {
    // Dense: a partial Fisher-Yates over every offset (the file is small here).
    const pool = Array.from({ length: size }, (_, i) => i);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(random() * (size - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      chosen.add(pool[i]!);
    }
  } else {
    while (chosen.size < count) chosen.add(Math.floor(random() * size));
  }
  return [...chosen].sort((a, b) => a - b);
}

/** "flipped a bit in 3 bytes of /data/db at offsets 120, 4077, 9000". */
export function describeCorruption(corruption: Corruption, label: string): string {
  if (corruption.mode === 'truncate')
    return `truncated ${label} from ${corruption.oldSize} to ${corruption.newSize} bytes`;
  const { changes } = corruption;
  const offsets = changes.slice(0, 5).map((c) => c.offset);
  const more = changes.length > 5 ? `, ... (${changes.length - 5} more)` : '';
  const bytes = `${changes.length} byte${changes.length === 1 ? '' : 's'}`;
  const verb = { bitflip: 'flipped a bit in', zero: 'zeroed', garbage: 'wrote garbage over' }[
    corruption.mode
  ];
  return `${verb} ${bytes} of ${label} at offset${changes.length === 1 ? '' : 's'} ${offsets.join(', ')}${more}`;
}
