import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RUN_LABEL, dockerClient } from '../../../src/common/docker.js';
import type { DrillResult } from '../../../src/engine/result.js';
import { drillFixture, readResult, repoRoot, runDirOf } from '../engine/run-cli.js';

const tsx = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const entry = join(repoRoot, 'test/e2e/support/firedrill-entry.ts');

export interface DrillRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  result: DrillResult;
  runDir: string;
}

/**
 * `firedrill run <fixture>` from source, as a user runs it, in a fresh working directory (its own
 * .firedrill state and reports); returns the exit code, the output and result.json.
 */
export function runDrillFixture(fixture: string, scenario: string, timeoutMs = 150_000): Promise<DrillRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'firedrill-e2e-'));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', tsx, entry, 'run', drillFixture(fixture), '--out', 'reports'],
      { cwd, timeout: timeoutMs, env: { ...process.env, FIREDRILL_LOG_LEVEL: 'info' } },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (error && typeof code !== 'number') return reject(error);
        try {
          const runDir = runDirOf(join(cwd, 'reports'), scenario);
          resolve({
            exitCode: typeof code === 'number' ? code : 0,
            stdout,
            stderr,
            result: readResult(runDir),
            runDir,
          });
        } catch (e) {
          reject(new Error(`${String(e)}\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

export interface StartedDrill {
  child: ChildProcess;
  cwd: string;
  exited: Promise<number | null>;
}

/** Starts `firedrill run <fixture>` without waiting for it (to interrupt it). */
export function startDrillFixture(fixture: string): StartedDrill {
  const cwd = mkdtempSync(join(tmpdir(), 'firedrill-e2e-'));
  const child = spawn(
    process.execPath,
    ['--import', tsx, entry, 'run', drillFixture(fixture), '--out', 'reports'],
    {
      cwd,
      stdio: 'ignore',
    },
  );
  return { child, cwd, exited: new Promise((done) => child.on('close', (code) => done(code))) };
}

/** Containers and networks still labelled with a run's id. */
export async function leftoversOf(runId: string): Promise<{ containers: number; networks: number }> {
  const docker = dockerClient();
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
  return {
    containers: (await docker.listContainers({ all: true, filters })).length,
    networks: (await docker.listNetworks({ filters })).length,
  };
}
