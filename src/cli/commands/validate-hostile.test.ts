import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The CLI from source, as bin/firedrill.js runs it from dist/: a separate process, real exit code. */
function firedrill(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/e2e/support/firedrill-entry.ts', ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('firedrill validate on hostile files (a real process)', () => {
  it('refuses an alias bomb, a 2 MB scalar and a FIFO with exit 2 and locations, and still checks the files after them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-hostile-'));
    const bomb = join(dir, 'bomb.yaml');
    await writeFile(
      bomb,
      'apiVersion: firedrill/v1\nkind: Drill\n' +
        Array.from({ length: 10 }, (_, i) =>
          i === 0
            ? 'a0: &a0 [x, x, x, x, x, x, x, x, x]'
            : `a${i}: &a${i} [${Array(9)
                .fill(`*a${i - 1}`)
                .join(', ')}]`,
        ).join('\n') +
        '\n',
    );
    const big = join(dir, 'big.yaml');
    await writeFile(big, `apiVersion: firedrill/v1\nkind: Drill\ndescription: "${'x'.repeat(2_000_000)}"\n`);
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const valid = 'test/fixtures/valid/objectives.yaml';

    const { code, stdout, stderr } = await firedrill(['validate', bomb, big, fifo, valid]);

    expect(code).toBe(2);
    expect(stdout).toContain(`ok  ${valid}`);
    expect(stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(stderr).toMatch(/bomb\.yaml:\d+:\d+: .*aliases expand this document to more than 100000 values/);
    expect(stderr).toMatch(/big\.yaml:1:1: cannot read the file: the file is larger than the limit/);
    expect(stderr).toMatch(/pipe\.yaml:1:1: cannot read the file: not a regular file \(a named pipe\)/);
    expect(stderr).toContain('3 of 4 files are invalid');
  }, 60_000);
});
