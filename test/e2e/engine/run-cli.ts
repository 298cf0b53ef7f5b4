import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DrillResult } from '../../../src/engine/result.js';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const drillFixture = (name: string): string => join(repoRoot, 'test/fixtures/drills', name);

export interface CliRun {
  child: ChildProcess;
  cwd: string;
  outDir: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the built CLI in a fresh working directory (its own .firedrill state and reports). */
export function startCli(args: string[], cwd = mkdtempSync(join(tmpdir(), 'firedrill-e2e-'))): CliRun {
  const outDir = join(cwd, 'reports');
  const child = spawn(process.execPath, [join(repoRoot, 'bin/firedrill.js'), ...args], {
    cwd,
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
  return { child, cwd, outDir, exited };
}

/** The only run directory of a scenario under an --out root. */
export function runDirOf(outDir: string, scenario: string): string {
  const base = join(outDir, scenario);
  const [dir] = existsSync(base) ? readdirSync(base) : [];
  if (!dir) throw new Error(`no run directory under ${base}`);
  return join(base, dir);
}

export function readResult(runDir: string): DrillResult {
  return JSON.parse(readFileSync(join(runDir, 'result.json'), 'utf8')) as DrillResult;
}

export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = probe();
      if (value !== undefined && value !== false) return value;
    } catch {
      // Not there yet.
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `R`, `S`, `T` (stopped)... from /proc/<pid>/stat, or undefined when the process is gone. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}
