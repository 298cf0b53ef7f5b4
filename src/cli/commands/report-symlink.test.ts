import { cpSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirsPerTest } from '../../../test/fixtures/temp-dirs.js';
import { main } from '../main.js';

const FIXTURE = 'test/fixtures/results/process-kill-detect';
const tempDir = tempDirsPerTest();

async function firedrill(...args: string[]) {
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(['node', 'firedrill', ...args]);
  return { code, stderr: err.join('\n') };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** A copy of a real reports tree, and a file outside it that a planted link points at. */
function plant(name: string, at: (reports: string, runDir: string) => string) {
  const reports = tempDir('reports');
  cpSync(FIXTURE, join(reports, 'process-kill-detect'), { recursive: true });
  const base = join(reports, 'process-kill-detect');
  const runDir = join(base, readdirSync(base)[0]!);
  const outside = join(tempDir('outside'), name);
  writeFileSync(outside, 'precious\n');
  symlinkSync(outside, at(reports, runDir));
  return { reports, runDir, outside };
}

describe('report writes no file through a symlink', () => {
  it('`report <dir>` refuses a planted summary.md link and leaves its target untouched', async () => {
    const { runDir, outside } = plant('victim', (_r, run) => join(run, 'summary.md'));
    const { code, stderr } = await firedrill('report', runDir);
    expect(code).toBe(3);
    expect(stderr).toContain(`refusing to write ${join(runDir, 'summary.md')}: it is a symbolic link`);
    expect(stderr).not.toContain('internal error');
    expect(readFileSync(outside, 'utf8')).toBe('precious\n');
  });

  it('`report --index` refuses planted index.json / index.html links', async () => {
    for (const file of ['index.json', 'index.html']) {
      const { reports, outside } = plant(file, (r) => join(r, file));
      const { code, stderr } = await firedrill('report', '--index', reports);
      expect(code).toBe(3);
      expect(stderr).toContain(`refusing to write ${join(reports, file)}: it is a symbolic link`);
      expect(readFileSync(outside, 'utf8')).toBe('precious\n');
      vi.restoreAllMocks();
    }
  });
});
