import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';

const INVALID = 'test/fixtures/invalid';
const VALID = 'test/fixtures/valid';
const files = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));

/** Runs `firedrill validate ...` in-process and captures what it prints. */
async function validate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(['node', 'firedrill', 'validate', ...args]);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

afterEach(() => {
  vi.restoreAllMocks();
  // The command reports its result through process.exitCode, which main() reads back.
  process.exitCode = undefined;
  delete process.env.FIREDRILL_FIXTURE_UNSET;
});

describe('firedrill validate', () => {
  it('prints ok for each valid file and exits 0', async () => {
    const { code, stdout, stderr } = await validate(...files(VALID));
    expect(code).toBe(0);
    expect(stdout.split('\n').sort()).toEqual(
      files(VALID)
        .map((f) => `ok  ${f}`)
        .sort(),
    );
    expect(stderr).toBe('');
  });

  it.each(files(INVALID))(
    'exits 2 for %s, naming the file, line and column, without a stack trace',
    async (file) => {
      const { code, stderr } = await validate(file);
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`^${file.replace(/[.[\]]/g, '\\$&')}:\\d+:\\d+: `, 'm'));
      expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    },
  );

  it('checks every file given and exits 2 when any one is invalid', async () => {
    const invalid = join(INVALID, 'unknown-key.yaml');
    const { code, stdout, stderr } = await validate(join(VALID, 'web-kill.yaml'), invalid);
    expect(code).toBe(2);
    expect(stdout).toBe(`ok  ${join(VALID, 'web-kill.yaml')}`);
    expect(stderr).toContain(`${invalid}:21:5: faults[0].duraton: unknown key "duraton"`);
    expect(stderr).toContain('hint:     did you mean "duration"?');
    expect(stderr).toContain('1 of 2 files are invalid');
  });

  it('reports a file that does not exist as a problem of that file', async () => {
    const { code, stderr } = await validate('no/such/drill.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('no/such/drill.yaml:1:1: cannot read the file: file not found');
  });
});
