// The Kubernetes library drills (scenarios/kubernetes) run as a user runs them, against the local
// cluster: they pass for the reasons they claim (a new leader detected, writes through the
// cluster, nothing acknowledged lost, the minority refusing writes), a copy with an impossible
// objective fails, and no namespace or object labelled with the run is left behind.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DrillResult } from '../../../src/engine/result.js';
import { readResult, repoRoot, runDirOf } from '../engine/run-cli.js';
import { describeWithCluster, kubeconfig, kubectl } from './local-cluster.js';

const library = join(repoRoot, 'scenarios/kubernetes');

interface Run {
  exitCode: number;
  output: string;
  result: DrillResult;
}

async function runDrill(file: string, scenario: string): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'firedrill-k8s-e2e-'));
  // The built CLI (the e2e suite builds first), in a fresh directory: its own state and reports.
  const { exitCode, stdout, stderr } = await new Promise<{
    exitCode: number;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin/firedrill.js'), 'run', file, '--out', 'reports'],
      { cwd, env: { ...process.env, KUBECONFIG: kubeconfig }, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      (error, out, err) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (error && typeof code !== 'number') reject(error);
        else resolve({ exitCode: typeof code === 'number' ? code : 0, stdout: out, stderr: err });
      },
    );
  });
  const output = `${stdout}\n${stderr}`;
  try {
    return { exitCode, output, result: readResult(runDirOf(join(cwd, 'reports'), scenario)) };
  } catch (error) {
    throw new Error(`${String(error)}\n${output}`);
  }
}

/** The Kubernetes twin of the Docker leftovers check: nothing labelled with the run, once its namespace went. */
async function leftoversOf(runId: string): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const left = await kubectl([
      'get',
      'namespaces,pods,services,statefulsets,deployments',
      '--all-namespaces',
      '-l',
      `firedrill.run=${runId}`,
      '-o',
      'name',
    ]);
    if (left.trim() === '' || Date.now() > deadline) return left.trim();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

function measured(result: DrillResult, objective: string): unknown {
  return result.objectives.find((row) => row.objective === objective);
}

describeWithCluster('the Kubernetes etcd library', () => {
  it('leader kill: the leader, found by role, is killed; a new one is detected; nothing is lost', async () => {
    const run = await runDrill(join(library, 'etcd-leader-kill.yaml'), 'k8s-etcd-leader-kill');
    expect(run.result.verdict, run.output).toBe('passed');
    expect(run.exitCode).toBe(0);
    // The role check asked every member and picked the one that answered "leader".
    expect(run.output).toMatch(/fault kill-leader: killed etcd-\d \(pod firedrill-[^/]+\/etcd-\d\)/);
    expect(measured(run.result, 'detect')).toMatchObject({ status: 'passed' });
    expect(run.result.integrity).toMatchObject({ lost: 0 });
    expect(run.result.integrity!.acknowledged).toBeGreaterThan(20);
    expect(await leftoversOf(run.result.runId)).toBe('');
  }, 320_000);

  it('minority partition: the isolated leader refuses writes, the majority elects and serves', async () => {
    const run = await runDrill(join(library, 'etcd-minority-partition.yaml'), 'k8s-etcd-minority-partition');
    expect(run.result.verdict, run.output).toBe('passed');
    expect(run.output).toMatch(/partitioned etcd-0 \| etcd-1, etcd-2 \(iptables chain FD-[0-9a-f]+\)/);
    expect(run.output).toMatch(/fault leader-alone reverted/);
    expect(measured(run.result, 'detect')).toMatchObject({ status: 'passed' });
    expect(run.result.integrity).toMatchObject({ lost: 0 });
    expect(await leftoversOf(run.result.runId)).toBe('');
  }, 320_000);

  it('member deletion: the leader pod is deleted, replaced with empty data, and rejoins (3/3 Ready)', async () => {
    const run = await runDrill(join(library, 'etcd-member-delete.yaml'), 'k8s-etcd-member-delete');
    expect(run.result.verdict, run.output).toBe('passed');
    expect(measured(run.result, 'detect')).toMatchObject({ status: 'passed' });
    // Recovery waits for the StatefulSet's replacement pod to rejoin, not only for writes.
    expect(measured(run.result, 'recover')).toMatchObject({ status: 'passed', signal: 'all-members-ready' });
    expect(run.result.integrity).toMatchObject({ lost: 0 });
    expect(await leftoversOf(run.result.runId)).toBe('');
  }, 320_000);

  it('fails with an objective no election can meet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-k8s-impossible-'));
    const drill = readFileSync(join(library, 'etcd-leader-kill.yaml'), 'utf8')
      .replaceAll('./manifests/', `${library}/manifests/`)
      .replaceAll('./etcd-put-probe.mjs', `${library}/etcd-put-probe.mjs`)
      .replaceAll('../etcd/etcd-ledger.mjs', `${repoRoot}/scenarios/etcd/etcd-ledger.mjs`)
      .replace('name: k8s-etcd-leader-kill', 'name: k8s-etcd-impossible-detect')
      .replace(/objectives:\n {2}table: .*\n {2}class: .*\n/, 'objectives:\n  detect: 1ms\n');
    writeFileSync(join(dir, 'impossible.yaml'), drill);
    const run = await runDrill(join(dir, 'impossible.yaml'), 'k8s-etcd-impossible-detect');
    expect(run.result.verdict, run.output).toBe('failed');
    expect(run.exitCode).toBe(1);
    // Failed on the objective, after a real election was detected (not for want of a measurement).
    expect(measured(run.result, 'detect')).toMatchObject({ status: 'failed' });
    expect(await leftoversOf(run.result.runId)).toBe('');
  }, 320_000);
});
