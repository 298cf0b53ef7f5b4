import { describe, expect, it } from 'vitest';
import { parseCgroupMemory } from './cgroup-memory.js';

describe('cgroup memory figures', () => {
  it('reads cgroup v1 (total_rss as anonymous memory) with its limit', () => {
    expect(parseCgroupMemory('usage 110465024\nlimit 268435456\nanon 106119168\n')).toEqual({
      usage: 110465024,
      anon: 106119168,
      limit: 268435456,
    });
  });

  it('treats the v1 no-limit value and the v2 "max" as no limit', () => {
    expect(parseCgroupMemory('usage 1\nlimit 9223372036854771712\nanon 1')?.limit).toBeUndefined();
    expect(parseCgroupMemory('usage 1\nlimit max\nanon 1')?.limit).toBeUndefined();
  });

  it('answers undefined when figures are missing', () => {
    expect(parseCgroupMemory('usage 1\nlimit max')).toBeUndefined();
  });
});
