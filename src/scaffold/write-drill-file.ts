import { randomBytes } from 'node:crypto';
import { link, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../common/errors.js';

/**
 * Writes the file whole or not at all: into a temporary file beside it, then linked into place
 * (fails when the name exists, a symlink included) or, with `force`, renamed over it (replacing a
 * symlink itself, never writing through it).
 */
export async function writeDrillFile(path: string, text: string, force: boolean): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, text, { flag: 'wx', mode: 0o644 });
  try {
    if (force) await rename(temporary, path);
    else await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError(`${path} exists: firedrill init does not overwrite it`, {
        hint: 'choose another file name, write to stdout with `-`, or replace it with --force',
      });
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
