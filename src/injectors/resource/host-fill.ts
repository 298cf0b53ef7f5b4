import { realpathSync } from 'node:fs';
import { open, stat, statfs } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { runCommand } from '../../targets/process/run-command.js';
import type { FsUsage } from './disk-space.js';

/** The filesystem holding `path` on the host, counted as `df` does. */
export async function hostFsUsage(path: string): Promise<FsUsage> {
  const fs = await statfs(path);
  return {
    size: fs.blocks * fs.bsize,
    used: (fs.blocks - fs.bfree) * fs.bsize,
    avail: fs.bavail * fs.bsize,
  };
}

/** True when `path` is one of `dirs` or inside one (both as given: resolve symlinks first). */
export function isInside(path: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => {
    const rel = relative(dir, path);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

/** The real path (symlinks resolved) when it exists, else the plain absolute path. */
export function realPath(path: string, baseDir: string): string {
  const absolute = resolve(baseDir, path);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

export interface HostFillResult {
  tool: 'fallocate' | 'write';
  allocated: number;
  size: number;
}

const CHUNK = 1 << 20;

/** Writes a fill file of `bytes`: fallocate when the host has it, else zeros written out. */
export async function writeHostFill(
  file: string,
  bytes: number,
  signal?: AbortSignal,
): Promise<HostFillResult> {
  const fallocated = await runCommand(['fallocate', '-l', String(bytes), file], {
    timeoutMs: 60_000,
    signal,
  }).then(
    (result) => result.exitCode === 0,
    () => false,
  );
  if (!fallocated) {
    const handle = await open(file, 'w');
    try {
      const zeros = Buffer.alloc(CHUNK);
      for (let written = 0; written < bytes; written += CHUNK) {
        signal?.throwIfAborted();
        await handle.write(zeros, 0, Math.min(CHUNK, bytes - written));
      }
    } finally {
      await handle.close();
    }
  }
  const info = await stat(file);
  return { tool: fallocated ? 'fallocate' : 'write', allocated: info.blocks * 512, size: info.size };
}
