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
    expect(Math.abs(detect.ms - Math.max(0, seen.at - t0Wall))).toBeLessThanOrEqual(5);
    expect(detect.ms).toBeLessThanOrEqual(1000 + 250);

    // Until healed, writes through n3 were refused for their size: a real impact, then recovery
    // at the first passing sample (every 200ms) after the heal.
    expect(result.measurements?.impact).toMatchObject({ status: 'impact', signal: 'write-via-n3' });
    expect(String((result.measurements?.impact as { detail?: string }).detail)).toBe('HTTP 413');
    const healed = firstLine(
      runDir,
      ['n3'],
      /^drift healed: 1 value\(s\) set back to the majority's$/,
      t0Wall,
    );
    const recover = result.measurements?.recover;
    if (recover?.status !== 'measured') throw new Error(`TTR not measured: ${JSON.stringify(recover)}`);
    expect(recover.ms).toBeGreaterThanOrEqual(healed.at - t0Wall - 5);
    expect(recover.ms).toBeLessThanOrEqual(healed.at - t0Wall + 200 + 150);

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
