import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillFixture, readResult, runDirOf, startCli } from './run-cli.js';

describe('a hostile --out reaches every shell as one word', () => {
  it('`--out "<dir>/x;touch <dir>/PWNED;#"`: the drill passes, each script saw the run directory, nothing ran', async () => {
    const base = mkdtempSync(join(tmpdir(), 'firedrill-out-'));
    const out = `${base}/x;touch ${base}/PWNED;#$(touch ${base}/PWNED2) 'q"`;
    const run = startCli(['run', drillFixture('run-dir-in-shell.yaml'), '--out', out, '--reporter', 'json']);
    const { code, stdout, stderr } = await run.exited;
    expect(readdirSync(base).filter((f) => f.startsWith('PWNED'))).toEqual([]);
    expect(code, stdout + stderr).toBe(0);
    const runDir = runDirOf(out, 'process-run-dir-in-shell');
    expect(readResult(runDir).verdict).toBe('passed');
    expect(readFileSync(join(runDir, 'fault-saw-run-dir'), 'utf8')).toBe('fault\n');
    expect(readFileSync(join(runDir, 'revert-saw-run-dir'), 'utf8')).toBe('revert\n');
    expect(existsSync(join(runDir, 'node-saw-run-dir'))).toBe(true);
  });
});
