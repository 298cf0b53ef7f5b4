import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../common/errors.js';
import { main } from './main.js';
import { prepareOutDir } from './out-dir.js';

const scratch = () => mkdtemp(join(tmpdir(), 'firedrill-out-'));

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('--out is checked before any drill starts', () => {
  it('creates a missing nested directory', async () => {
    const dir = join(await scratch(), 'a', 'b', 'c');
    await prepareOutDir(dir);
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  it('refuses a regular file, and a directory under one, with a hint', async () => {
    const file = join(await scratch(), 'report.txt');
    await writeFile(file, 'x');
    for (const out of [file, join(file, 'sub')]) {
      const error = await prepareOutDir(out).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toContain('is not a directory');
      expect((error as UsageError).hint).toMatch(/directory/);
    }
  });

  it('refuses a path that cannot be created (/proc/nope) at once instead of spinning', async () => {
    const started = performance.now();
    const error = await prepareOutDir('/proc/nope/reports').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/cannot create \/proc\/nope/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('makes `run --out <file>` exit 2 naming the problem, before any drill runs', async () => {
    const file = join(await scratch(), 'taken');
    await writeFile(file, 'x');
    const err: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await main(['node', 'firedrill', 'run', 'test/fixtures/valid/web-kill.yaml', '--out', file]);
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('is not a directory');
  });
});
