import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTarFile, writeTarFile } from './tar-entry.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A one-file archive made by the system's tar, as Docker's archive API would send it. */
function archiveOf(content: Buffer): { archive: Buffer; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-tar-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'db.bin'), content);
  const archive = execFileSync('tar', ['--format=ustar', '-C', dir, '-cf', '-', 'db.bin']);
  return { archive, dir };
}

describe('tar entry', () => {
  it('finds the file, and writes back an archive tar reads with the changed bytes', () => {
    const content = Buffer.from('0123456789'.repeat(100));
    const { archive, dir } = archiveOf(content);
    const file = readTarFile(archive);
    expect(file?.data).toEqual(content);
    file!.data[5] = 0x41;
    const out = join(dir, 'out');
    execFileSync('mkdir', [out]);
    execFileSync('tar', ['-C', out, '-xf', '-'], { input: writeTarFile(file!) });
    const expected = Buffer.from(content);
    expected[5] = 0x41;
    expect(readFileSync(join(out, 'db.bin'))).toEqual(expected);
  });

  it('rewrites the size and checksum when the file is truncated', () => {
    const { archive, dir } = archiveOf(Buffer.alloc(2000, 7));
    const file = readTarFile(archive)!;
    file.data = file.data.subarray(0, 1500);
    const out = join(dir, 'out');
    execFileSync('mkdir', [out]);
    execFileSync('tar', ['-C', out, '-xf', '-'], { input: writeTarFile(file) });
    expect(readFileSync(join(out, 'db.bin'))).toEqual(Buffer.alloc(1500, 7));
  });

  it('answers undefined for an archive without a regular file', () => {
    expect(readTarFile(Buffer.alloc(1024))).toBeUndefined();
  });
});
