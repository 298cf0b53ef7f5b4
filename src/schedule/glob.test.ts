import { describe, expect, it } from 'vitest';
import { globToRegExp } from './glob.js';

const matches = (pattern: string, path: string): boolean => globToRegExp(pattern).test(path);

describe('globToRegExp', () => {
  it('keeps * and ? within a segment', () => {
    expect(matches('*.yaml', 'drift.yaml')).toBe(true);
    expect(matches('*.yaml', 'etcd/drift.yaml')).toBe(false);
    expect(matches('drift-?.yaml', 'drift-1.yaml')).toBe(true);
    expect(matches('drift-?.yaml', 'drift-10.yaml')).toBe(false);
  });

  it('lets ** span any number of directories, none included', () => {
    expect(matches('**/*.yaml', 'a.yaml')).toBe(true);
    expect(matches('**/*.yaml', 'etcd/x/a.yaml')).toBe(true);
    expect(matches('etcd/**', 'etcd/x/a.yaml')).toBe(true);
    expect(matches('**/partition-*.yaml', 'redis/partition-halves.yaml')).toBe(true);
  });

  it('chooses with {a,b} and [abc], and escapes regex characters', () => {
    expect(matches('{etcd,redis}/kill.yaml', 'redis/kill.yaml')).toBe(true);
    expect(matches('{etcd,redis}/kill.yaml', 'pg/kill.yaml')).toBe(false);
    expect(matches('drill-[ab].yaml', 'drill-b.yaml')).toBe(true);
    expect(matches('drill-[!ab].yaml', 'drill-b.yaml')).toBe(false);
    expect(matches('a+b.yaml', 'a+b.yaml')).toBe(true);
    expect(matches('a.yaml', 'axyaml')).toBe(false);
  });
});

describe('globProblem', () => {
  it('names a pattern that makes no regular expression, and accepts good ones', async () => {
    const { globProblem } = await import('./glob.js');
    expect(globProblem('[z-a]*.yaml')).toMatch(/^not a usable glob: .*Range out of order/);
    expect(globProblem('drills/**/[a-z]*.{yaml,yml}')).toBeUndefined();
  });
});
