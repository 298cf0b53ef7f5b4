import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UnsafeFileError } from './errors.js';

/**
 * The one way firedrill writes files (reports, index, state, journal, log). A file is never written
 * through a symlink: run directories are read back by `report`, and a planted `summary.md` link
 * would otherwise make firedrill (often root) overwrite whatever it points at.
 */

export interface SafeWriteOptions {
  /** Permission bits of a new file (default 0o644). */
  mode?: number;
  /** fsync before the rename: the state file must survive more than a crash of firedrill. */
  durable?: boolean;
}

/**
 * Replaces `file` atomically: a temporary file in the same directory, then a rename over it. A
 * reader sees the old content or the new one, never half of it. Refuses when `file` is a symlink
 * or anything but a regular file.
 */
export function writeFileSafely(
  file: string,
  data: string | Uint8Array,
  options: SafeWriteOptions = {},
): void {
  refuseUnlessRegular(file);
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  const fd = openSync(tmp, flags, options.mode ?? 0o644);
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data);
    if (options.durable) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Opens `file` for appending (created when missing), never through a symlink and only when it is
 * a regular file. Returns the descriptor; the caller closes it.
 */
export function openAppendSafely(file: string, mode = 0o644): number {
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;
  let fd: number;
  try {
    fd = openSync(file, flags | constants.O_NONBLOCK, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw symlinkRefused(file);
    if (code === 'ENXIO') throw notRegular(file); // a FIFO nobody reads
    throw error;
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw notRegular(file);
  }
  return fd;
}

/** Appends a whole string to a descriptor from `openAppendSafely`. */
export function appendTo(fd: number, text: string): void {
  writeAll(fd, Buffer.from(text));
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

function refuseUnlessRegular(file: string): void {
  let stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (stats.isSymbolicLink()) throw symlinkRefused(file);
  if (!stats.isFile()) throw notRegular(file);
}

function symlinkRefused(file: string): UnsafeFileError {
  let target = '';
  try {
    target = ` (it points to ${readlinkSync(file)})`;
  } catch {
    // Gone meanwhile: the message still names the file.
  }
  return new UnsafeFileError(`refusing to write ${file}: it is a symbolic link${target}`, {
    hint: 'firedrill never writes through links; remove the link (nothing was written), then run again',
  });
}

function notRegular(file: string): UnsafeFileError {
  return new UnsafeFileError(`refusing to write ${file}: it is not a regular file`, {
    hint: 'remove or rename what is there, then run again',
  });
}
