// The drill gate's kubernetes entries without a cluster: skipped (saying why) by default, failing
// when FIREDRILL_REQUIRE_KUBERNETES=1. Needs no cluster: KUBECONFIG points at a missing file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'firedrill-gate-k8s-'));
const list = join(dir, 'gate.yaml');
writeFileSync(list, `drills:\n  - ${join(root, 'scenarios/kubernetes/etcd-leader-kill.yaml')}\n`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function gate(required: boolean): Promise<{ code: number; stdout: string; out: string }> {
  const out = mkdtempSync(join(dir, 'out-'));
  const env = {
    ...process.env,
    KUBECONFIG: join(dir, 'missing-kubeconfig'),
    FIREDRILL_REQUIRE_KUBERNETES: required ? '1' : '0',
  };
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(root, 'scripts/gate.ts'), list, '--out', out],
      { env, cwd: root, timeout: 120_000 },
    );
    return { code: 0, stdout, out };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', out };
  }
}

function gateJson(out: string): { ok: boolean; drills: { skipped: string | null; ok: boolean }[] } {
  return JSON.parse(readFileSync(join(out, 'gate', 'gate.json'), 'utf8'));
}

describe('the drill gate without a Kubernetes cluster', () => {
  it('skips its kubernetes drills, says why, and passes', async () => {
    const { code, stdout, out } = await gate(false);
    expect(stdout).toContain('kubernetes: skipping 1 kubernetes drill (no cluster: no kubeconfig');
    expect(stdout).toContain('missing-kubeconfig');
    expect(code).toBe(0);
    const report = gateJson(out);
    expect(report.drills[0]).toMatchObject({ ok: true, skipped: expect.stringContaining('no kubeconfig') });
    const junit = readFileSync(join(out, 'gate', 'junit.xml'), 'utf8');
    expect(junit).toMatch(/skipped="1"/);
    expect(junit).toContain('<skipped message="no kubeconfig');
    expect(readFileSync(join(out, 'gate', 'summary.md'), 'utf8')).toContain(
      '1 skipped (no Kubernetes cluster)',
    );
  });

  it('fails them when FIREDRILL_REQUIRE_KUBERNETES=1', async () => {
    const { code, stdout, out } = await gate(true);
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL');
    expect(stdout).toContain('FIREDRILL_REQUIRE_KUBERNETES=1 but no cluster');
    expect(gateJson(out)).toMatchObject({ ok: false, drills: [{ ok: false }] });
  });
});
