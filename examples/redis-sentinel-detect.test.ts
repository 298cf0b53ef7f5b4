import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface SentinelDrill {
  target: { nodes: Record<string, { command?: string[] }> };
  probes: Array<{ name: string; role: string; type: string; node?: string; pattern?: string }>;
}

const drill = parse(
  readFileSync(resolve(import.meta.dirname, '../scenarios/redis-sentinel/primary-kill.yaml'), 'utf8'),
  { merge: true },
) as SentinelDrill;

describe('the Redis Sentinel primary kill (scenarios/redis-sentinel/primary-kill.yaml)', () => {
  // The first sentinel to call the primary objectively down starts the failover: that is Sentinel
  // detecting it. The others log +odown only after their next peer query (once a second), so a
  // drill that watches one of them measures up to a second more than Sentinel took.
  it('times detection from whichever sentinel calls +odown first: every sentinel is watched', () => {
    const sentinels = Object.entries(drill.target.nodes)
      .filter(([, node]) => node.command?.[0] === 'sentinel')
      .map(([name]) => name);
    expect(sentinels).toHaveLength(3);
    const watched = drill.probes
      .filter((p) => p.role === 'detect' && p.type === 'log' && p.pattern?.includes('+odown'))
      .map((p) => p.node);
    expect(new Set(watched)).toEqual(new Set(sentinels));
  });
});
