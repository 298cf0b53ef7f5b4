import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTool } from '../../../src/common/tools.js';
import { readResult, repoRoot, runDirOf, startCli } from '../engine/run-cli.js';

const toxiproxy = await findTool('toxiproxy-server');
// CI provisions toxiproxy-server (scripts/setup-env.sh): there a missing one fails instead of skipping.
const describeWithToxiproxy =
  toxiproxy || process.env.FIREDRILL_REQUIRE_DOCKER === '1' ? describe : describe.skip;

/**
 * The library's 1-hour soak, shortened to 20 s judged every 5 s (same cluster, same checks, same
 * thresholds). What this proves is the per-window judgement and the full series on disk: four
 * windows of 5 s (25 samples of each during probe, 100 load requests each) prove it as well as
 * four of 30 s did, in a sixth of the time.
 */
function shortSoak(): string {
  let text = readFileSync(join(repoRoot, 'scenarios/reference-cluster/soak-minority-1h.yaml'), 'utf8')
    .replaceAll('../../examples/', `${repoRoot}/examples/`)
    // Run from a temporary directory: tsx is found from the repository, not from there.
    .replaceAll('--import, tsx', `--import, '${import.meta.resolve('tsx')}'`);
  const edits: Array<[string, string]> = [
    ['duration: 1h', 'duration: 20s'],
    ['per: 15m', 'per: 5s'],
    ['baseline: 10s', 'baseline: 3s'],
    ['timeouts: { recover: 65m, drill: 75m }', 'timeouts: { recover: 80s, drill: 3m }'],
  ];
  // A scenario edited since would otherwise run for its full hour here.
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`soak-minority-1h.yaml no longer says "${from}"`);
    text = text.replace(from, to);
  }
  // The probes get the 5s the scenario already gives its load and ledger "on a machine that may be
  // busy": at load average 31 the majority answered some PUTs in 1-1.5s all through the fault, and
  // the 1s probes failed a partition the majority had not noticed (what is judged is refusal and
  // acceptance, not latency).
  const probeTimeouts = text.split('    timeout: 1s').length - 1;
  if (probeTimeouts !== 3) throw new Error(`expected 3 probe timeouts of 1s, found ${probeTimeouts}`);
  text = text.replaceAll('    timeout: 1s', '    timeout: 5s');
  const file = join(mkdtempSync(join(tmpdir(), 'firedrill-soak-')), 'soak.yaml');
  writeFileSync(file, text);
  return file;
}

describeWithToxiproxy('a soak: the minority partition held and judged every 5 s', () => {
  it('passes window by window, and the run directory holds the full series', async () => {
    const run = startCli(['run', shortSoak(), '--out', 'reports']);
    const { code, stdout } = await run.exited;
    const runDir = runDirOf(run.outDir, 'reference-cluster-soak-minority-1h');
    const result = readResult(runDir);
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);
    const rows = Object.fromEntries(result.objectives.map((row) => [row.objective, row]));
    expect(rows['availability per 5s']).toMatchObject({ status: 'passed' });
    expect(rows['during minority-refuses-writes per 5s']).toMatchObject({ status: 'passed', measured: 1 });
    expect(rows['during majority-serves-writes per 5s']).toMatchObject({ status: 'passed', measured: 1 });
    // 20 s in windows of 5 s (the last one may be cut by the revert): 4 or 5 windows.
    const minority = result.measurements?.soak?.during.find((d) => d.probe === 'minority-refuses-writes');
    expect(minority?.windows.length).toBeGreaterThanOrEqual(4);
    expect(minority?.windows.every((w) => w.ok === w.total && w.total > 0)).toBe(true);
    // The full series is on disk, the summaries in result.json and the report.
    const lines = readFileSync(join(runDir, 'samples.ndjson'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ k: 'h', v: 1, run: result.runId });
    expect(lines.filter((l) => l.startsWith('{"k":"w"')).length).toBe(result.integrity?.attempted);
    expect(lines.filter((l) => l.startsWith('{"k":"l"')).length).toBe(result.load?.requests);
    expect(result.windows?.probes.map((p) => p.probe).sort()).toEqual([
      'majority-serves-writes',
      'minority-refuses-writes',
      'n3-lost-quorum',
      'write-via-n2',
    ]);
    expect(existsSync(join(runDir, 'report.html'))).toBe(true);
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toContain('Soak: per 5s of the fault');
  }, 420_000);
});
