import { execFileSync } from 'node:child_process';
import { closeSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsPerTest } from '../../test/fixtures/temp-dirs.js';
import { UnsafeFileError } from './errors.js';
import { appendTo, openAppendSafely, writeFileSafely } from './safe-write.js';

const tempDir = tempDirsPerTest();

describe('writeFileSafely', () => {
  it('replaces a file whole and leaves no temporary file behind', () => {
    const dir = tempDir('write');
    writeFileSafely(join(dir, 'a.json'), 'one');
    writeFileSafely(join(dir, 'a.json'), 'two', { mode: 0o600, durable: true });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('gives a new file the mode asked for', () => {
    const dir = tempDir('mode');
    writeFileSafely(join(dir, 'state.json'), '{}', { mode: 0o600 });
    expect(statSync(join(dir, 'state.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses a symlink, names where it points, and leaves its target untouched', () => {
    const dir = tempDir('link');
    const outside = join(tempDir('outside'), 'precious');
    writeFileSync(outside, 'keep me');
    symlinkSync(outside, join(dir, 'summary.md'));
    const write = () => writeFileSafely(join(dir, 'summary.md'), 'pwned');
    expect(write).toThrow(UnsafeFileError);
    expect(write).toThrow(
      `refusing to write ${join(dir, 'summary.md')}: it is a symbolic link (it points to ${outside})`,
    );
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['summary.md']);
  });

  it('refuses a dangling symlink (it would create the file it names)', () => {
    const dir = tempDir('dangling');
    const outside = join(tempDir('outside'), 'new-file');
    symlinkSync(outside, join(dir, 'index.html'));
    expect(() => writeFileSafely(join(dir, 'index.html'), 'x')).toThrow(UnsafeFileError);
    expect(() => statSync(outside)).toThrow();
  });

  it('refuses what is not a regular file (a directory, a FIFO)', () => {
    const dir = tempDir('odd');
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(() => writeFileSafely(join(dir, 'fifo'), 'x')).toThrow(/it is not a regular file/);
    expect(() => writeFileSafely(dir, 'x')).toThrow(/it is not a regular file/);
  });
});

describe('openAppendSafely', () => {
  it('appends to a regular file, creating it', () => {
    const dir = tempDir('append');
    for (const line of ['a\n', 'b\n']) {
      const fd = openAppendSafely(join(dir, 'events.ndjson'));
      appendTo(fd, line);
      closeSync(fd);
    }
    expect(readFileSync(join(dir, 'events.ndjson'), 'utf8')).toBe('a\nb\n');
  });

  it('refuses a symlink and a FIFO without blocking', () => {
    const dir = tempDir('append-link');
    const outside = join(tempDir('outside'), 'precious');
    writeFileSync(outside, 'keep me');
    symlinkSync(outside, join(dir, 'firedrill.log'));
    expect(() => openAppendSafely(join(dir, 'firedrill.log'))).toThrow(/it is a symbolic link/);
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(() => openAppendSafely(join(dir, 'fifo'))).toThrow(/not a regular file/);
  });
});
