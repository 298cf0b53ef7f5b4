import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DrillResult } from '../../../src/engine/result.js';
import { readResult, repoRoot, runDirOf } from '../engine/run-cli.js';
import { kubeconfig, kubectl } from './local-cluster.js';

const tsx = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const entry = join(repoRoot, 'test/e2e/support/firedrill-entry.ts');

export interface KubernetesDrillRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  result: DrillResult;
}

/** `firedrill run test/e2e/kubernetes/fixtures/<fixture>` from source against the local cluster. */
export function runKubernetesDrill(
  fixture: string,
  scenario: string,
  timeoutMs = 240_000,
): Promise<KubernetesDrillRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'firedrill-k8s-e2e-'));
  const file = join(import.meta.dirname, 'fixtures', fixture);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', tsx, entry, 'run', file, '--out', 'reports'],
      {
        cwd,
        timeout: timeoutMs,
        env: { ...process.env, KUBECONFIG: kubeconfig, FIREDRILL_LOG_LEVEL: 'info' },
      },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (error && typeof code !== 'number')
          return reject(new Error(`${String(error)}\n${stdout}\n${stderr}`));
        try {
          const result = readResult(runDirOf(join(cwd, 'reports'), scenario));
          resolve({ exitCode: typeof code === 'number' ? code : 0, stdout, stderr, result });
        } catch (e) {
          reject(new Error(`${String(e)}\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** Namespaces and namespaced objects of every common kind still labelled with the run's id. */
export async function clusterLeftovers(runId: string): Promise<string[]> {
  const selector = `firedrill.run=${runId}`;
  const namespaces = await kubectl(['get', 'namespaces', '-l', selector, '-o', 'name']);
  const objects = await kubectl([
    'get',
    'pods,services,deployments,statefulsets,replicasets,configmaps',
    '--all-namespaces',
    '-l',
    selector,
    '-o',
    'name',
  ]);
  return `${namespaces}\n${objects}`.split('\n').filter((line) => line.trim().length > 0);
}
