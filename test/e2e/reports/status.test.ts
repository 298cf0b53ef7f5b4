import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/common/duration.js';
import type { StatusReport } from '../../../src/status/status-report.js';
import { readResult, repoRoot, runDirOf, startCli } from '../engine/run-cli.js';

const table = join(repoRoot, 'scenarios/objectives.yaml');

describe('firedrill status over real runs of the drill library', () => {
  it('shows measured rows for the drilled class, UNTESTED for the others, and --fail-on untested exits 1', async () => {
    // The weekly drift drill of the reference cluster (process target: nothing but Node needed).
    const run = startCli(['run', join(repoRoot, 'scenarios/reference-cluster/mild-drift.yaml'), '--out', 'reports']);
    const ran = await run.exited;
    const result = readResult(runDirOf(run.outDir, 'reference-cluster-mild-drift'));
    expect(['passed', 'failed'], `${ran.stdout}\n${ran.stderr}`).toContain(result.verdict);
    const recover = result.measurements?.recover;
    if (recover?.status !== 'measured') throw new Error(`TTR not measured: ${JSON.stringify(recover)}`);

    const text = await startCli(['status', table, '--reports', 'reports'], run.cwd).exited;
    expect(text.code, text.stderr).toBe(0);
    const ttr = formatDuration(recover.ms).replace('.', '\\.');
    expect(text.stdout).toMatch(
      new RegExp(`Configuration drift \\(mild-drift\\)\\s+TTR\\s+≤ 3\\.00s\\s+≤ 5\\.00s\\s+${ttr}\\s+\\d+m ago · weekly\\s+p50`),
    );
    for (const untested of ['Node failure (single-node-failure)', 'Full cluster restore (full-restore)'])
      expect(text.stdout).toMatch(new RegExp(`${untested.replace(/[()]/g, '\\$&')}\\s+TTR\\s+.*UNTESTED\\s+never\\s+—\\s+UNTESTED`));

    const json = await startCli(['status', table, '--reports', 'reports', '--format', 'json'], run.cwd).exited;
    const report = JSON.parse(json.stdout) as StatusReport;
    const row = report.rto.find((r) => r.class === 'mild-drift' && r.objective === 'recover');
    expect(row).toMatchObject({
      last: { value: recover.ms, run: { runId: result.runId } },
      period: { n: 1, runs: 1 },
      tier: { name: 'weekly' },
    });
    expect(report.mttr.find((r) => r.class === 'mild-drift')).toMatchObject({ runs: 1, ttr: { n: 1, mean: recover.ms } });

    const gate = await startCli(['status', table, '--reports', 'reports', '--fail-on', 'untested'], run.cwd).exited;
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain('fail-on: full-restore recover is UNTESTED');

    // The history index shows the same table.
    const index = await startCli(['report', '--index', 'reports'], run.cwd).exited;
    expect(index.code, index.stderr).toBe(0);
    const html = readFileSync(join(run.outDir, 'index.html'), 'utf8');
    expect(html).toContain('<section id="recovery-objectives">');
    expect(html).toContain('data-class="mild-drift"');
    rmSync(run.cwd, { recursive: true, force: true });
  });
});
