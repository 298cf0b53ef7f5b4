import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { errorMessage } from '../common/errors.js';

/**
 * The largest drill, objectives or schedule file firedrill reads: the biggest shipped scenario is
 * about 5 KiB, and parsing costs several times a file's size in memory.
 */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/** A file that could not be read: the reason and the hint, for the loader to place at 1:1. */
export interface ReadFailure {
  reason: string;
  hint: string;
}

/**
 * Reads a document as text, refusing anything but a regular file of at most MAX_SOURCE_BYTES.
 * Opened non-blocking and checked on the open descriptor: a FIFO or a device never blocks the read,
 * and a file swapped between a check and the open cannot slip through.
 */
export async function readSourceText(file: string): Promise<string | ReadFailure> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return openFailure(error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      return {
        reason: `not a regular file (${fileType(stats)})`,
        hint: 'give the path of a YAML file; pipes, devices and directories are not read',
      };
    if (stats.size > MAX_SOURCE_BYTES) return tooBig(stats.size);
    // Read one byte past the limit: a file that grows after the check is still refused.
    const buffer = Buffer.alloc(MAX_SOURCE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_SOURCE_BYTES) return tooBig(length);
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    return { reason: errorMessage(error), hint: 'check that the file is readable' };
  } finally {
    await handle.close();
  }
}

function openFailure(error: unknown): ReadFailure {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return {
        reason: 'file not found',
        hint: 'check the path (relative paths start at the current directory)',
      };
    case 'EACCES':
      return { reason: 'permission denied', hint: 'make the file readable by this user' };
    case 'ENAMETOOLONG':
      return { reason: 'the path is too long', hint: 'use a shorter path' };
    default:
      return { reason: errorMessage(error), hint: 'give the path of a readable YAML file' };
  }
}

function tooBig(size: number): ReadFailure {
  return {
    reason: `the file is larger than the limit of ${MAX_SOURCE_BYTES} bytes (1 MiB): ${size} bytes or more`,
    hint: 'a drill, objectives or schedule file is a few KiB; split the file or move data out of it',
  };
}

function fileType(stats: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'a device or other special file';
}
