import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface SentinelDrill {
  target: { nodes: Record<string, { command?: string[] }> };
  probes: Array<{ name: string; role: string; type: string; node?: string; pattern?: string }>;
}

const load = (file: string): SentinelDrill =>
  parse(readFileSync(resolve(import.meta.dirname, '../scenarios/redis-sentinel', file), 'utf8'), {
    merge: true,
  }) as SentinelDrill;

const odownWatchers = (drill: SentinelDrill): Set<string | undefined> =>
  new Set(
    drill.probes
      .filter((p) => p.role === 'detect' && p.type === 'log' && p.pattern?.includes('+odown'))
      .map((p) => p.node),
  );

describe('Redis Sentinel detection (scenarios/redis-sentinel)', () => {
  // The first sentinel to call the primary objectively down starts the failover: that is Sentinel
  // detecting it. The others log +odown only after their next peer query (once a second), so a
  // drill that watches one of them measures up to a second more than Sentinel took.
  it('primary-kill times detection from whichever sentinel calls +odown first: every sentinel is watched', () => {
    const drill = load('primary-kill.yaml');
    const sentinels = Object.entries(drill.target.nodes)
      .filter(([, node]) => node.command?.[0] === 'sentinel')
      .map(([name]) => name);
    expect(sentinels).toHaveLength(3);
    expect(odownWatchers(drill)).toEqual(new Set(sentinels));
  });

  it('partition watches both sentinels of the majority, which can reach the quorum', () => {
    expect(odownWatchers(load('partition.yaml'))).toEqual(new Set(['sentinel-2', 'sentinel-3']));
  });
});
