import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errorMessage, UsageError } from '../common/errors.js';

/**
 * Makes sure `--out` is a directory firedrill can write, creating the missing part of the path one
 * directory at a time, before any drill starts. Node's recursive mkdir loops forever on a path it
 * cannot create under a special file system (`/proc/nope`), so it is never used on a path the user
 * chose until this check has created the root.
 */
export async function prepareOutDir(out: string): Promise<void> {
  const full = resolve(out);
  const missing: string[] = [];
  let existing = full;
  for (;;) {
    const kind = await pathKind(existing);
    if (kind === 'directory') break;
    if (kind === 'other')
      throw new UsageError(`--out ${out}: ${existing} exists and is not a directory`, {
        hint: 'give --out a directory (it is created when missing), not a file',
      });
    const parent = dirname(existing);
    if (parent === existing) break;
    missing.unshift(existing);
    existing = parent;
  }
  for (const dir of missing) {
    try {
      await mkdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await pathKind(dir)) === 'directory')
        continue;
      throw unusable(out, `cannot create ${dir}: ${errorMessage(error)}`);
    }
  }
  try {
    await access(full, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw unusable(out, `cannot write in ${full}: ${errorMessage(error)}`);
  }
}

async function pathKind(path: string): Promise<'directory' | 'other' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    // ENOTDIR: a parent is a file; the walk up finds it and names it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw unusable(path, errorMessage(error));
  }
}

function unusable(out: string, reason: string): UsageError {
  return new UsageError(`--out ${out}: ${reason}`, {
    hint: 'give --out a directory this user can write, e.g. --out reports',
  });
}
