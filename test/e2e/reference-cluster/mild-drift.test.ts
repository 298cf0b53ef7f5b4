import { describe, expect, it } from 'vitest';
import { alive, firstLine, nodePids, runClusterDrill } from './cluster-run.js';

describe('mild drift on the reference cluster (drift fault through the admin API)', () => {
  it('is detected against the majority and healed; the drifted setting bit until then', async () => {
    const { code, stdout, runDir, result, t0Wall, injectedWall } = await runClusterDrill(
      'reference-cluster/mild-drift.yaml',
      'reference-cluster-mild-drift',
    );
    expect(result.verdict, stdout).toBe('passed');
    expect(code).toBe(0);

    // Checked every second: n3 logs what differs from the majority.
    const detect = result.measurements?.detect;
    if (detect?.status !== 'measured') throw new Error(`TTD not measured: ${JSON.stringify(detect)}`);
    const seen = firstLine(
      runDir,
      ['n3'],
      /^drift detected \(mild\): setting max_value_bytes=1 /,
      injectedWall,
    );
    // Dated at the line's arrival, as the node's log has it. (How soon after the change the node
    // logs it depends on its drift interval and on how fast it hears from its peers: the objective
    // bounds that, not this test; a loaded run saw 1.7-2.9s.)
    expect(Math.abs(detect.ms - Math.max(0, seen.at - t0Wall))).toBeLessThanOrEqual(5);

    // Until healed (at the second check that found it: >= 1s later), writes through n3 were
    // refused for their size: a real impact, seen by the samples of that second whatever the load.
    expect(result.measurements?.impact).toMatchObject({ status: 'impact', signal: 'write-via-n3' });
    expect(String((result.measurements?.impact as { detail?: string }).detail)).toBe('HTTP 413');
    const healed = firstLine(
      runDir,
      ['n3'],
      /^drift healed: 1 value\(s\) set back to the majority's$/,
      t0Wall,
    );
    // Recovery is the first passing sample after the heal: the refused sample before it was sent
    // before the heal (whose line arrived later still). The passing one reached n3 after the heal.
    const recover = result.measurements?.recover;
    if (recover?.status !== 'measured') throw new Error(`TTR not measured: ${JSON.stringify(recover)}`);
    const healedMs = healed.at - t0Wall;
    const passing = result.samples.find(
      (s) => s.probe === 'write-via-n3' && Math.abs(s.startedAt - (recover.at ?? Number.NaN)) < 0.5,
    );
    if (!passing) throw new Error(`no sample at t_r (${recover.ms}ms)`);
    expect(passing.ok).toBe(true);
    expect(recover.ms - recover.resolution.ms).toBeLessThanOrEqual(healedMs);

    // Healed everywhere: after recovery all three hold the settings they held before the drift.
    const consistent = result.objectives.find((row) => row.objective === 'consistent');
    expect(consistent).toMatchObject({ status: 'passed', target: 5000 });
    const state = result.measurements?.consistency;
    if (state?.status !== 'consistent') throw new Error(`not consistent: ${JSON.stringify(state)}`);
    const digests = Object.values({ ...state.before, ...state.after }).map(
      (n) => (n as { digest: string }).digest,
    );
    expect(Object.keys(state.after)).toEqual(['n1', 'n2', 'n3']);
    expect(new Set(digests).size).toBe(1);
    expect(nodePids(runDir, ['n1', 'n2', 'n3']).filter(alive)).toEqual([]);
  });
});
