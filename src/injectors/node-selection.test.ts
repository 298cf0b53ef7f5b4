import { describe, expect, it } from 'vitest';
import { seededRandom } from '../common/random.js';
import { faultContextFor, startsProcessTargets } from '../../test/fixtures/servers/fixture-target.js';
import { killInjector } from './kill.js';
import { describeSelection, pickNames, selectNodes } from './node-selection.js';

const startProcessTarget = startsProcessTargets();

function issues(input: object): string[] {
  const result = killInjector.schema.safeParse({ type: 'kill', ...input });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('node selection', () => {
  it('takes exactly one of node, nodes or select', () => {
    expect(issues({ node: 'web' })).toEqual([]);
    expect(issues({ nodes: ['web', 'db'] })).toEqual([]);
    expect(issues({ select: { percent: 50, seed: 3 } })).toEqual([]);
    expect(issues({})).toEqual([
      ': name the node(s) to act on: `node: <name>`, `nodes: [<name>, ...]` or `select: {count: 1}`',
    ]);
    expect(issues({ node: 'web', nodes: ['db'] })).toEqual([
      'nodes: give only one of node, nodes or select (found node and nodes)',
    ]);
    expect(issues({ select: { count: 1, percent: 10 } })).toEqual([
      'select.percent: give select.count or select.percent, not both',
    ]);
    expect(issues({ select: { cuont: 1 } })[0]).toMatch(/cuont/);
  });

  it('picks repeatably by seed, and each subset size is honoured', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    expect(pickNames(names, 2, seededRandom(7))).toEqual(pickNames(names, 2, seededRandom(7)));
    expect(new Set(pickNames(names, 5, seededRandom(1)))).toEqual(new Set(names));
    const seen = new Set<string>();
    for (let seed = 0; seed < 50; seed++) seen.add(pickNames(names, 1, seededRandom(seed))[0]!);
    expect(seen.size).toBe(5);
  });

  it('resolves against a real target: names, counts, percentages (at least one), unknown names', async () => {
    const sleeper = { command: 'sleep 30', stop_timeout: '1s' };
    const { target, clock } = await startProcessTarget({ a: sleeper, b: sleeper, c: sleeper });
    const names = async (selection: object, random = Math.random): Promise<string[]> =>
      (await selectNodes(selection, faultContextFor(target, clock, random))).nodes.map((n) => n.name);
    expect(await names({ node: 'b' })).toEqual(['b']);
    expect(await names({ nodes: ['c', 'a'] })).toEqual(['c', 'a']);
    expect(await names({ select: { count: 2, seed: 11 } })).toEqual(
      await names({ select: { count: 2, seed: 11 } }),
    );
    expect(await names({ select: { count: 2, seed: 11 } })).toHaveLength(2);
    expect(await names({ select: { percent: 10 } })).toHaveLength(1);
    expect((await names({ select: { percent: 100 } })).sort()).toEqual(['a', 'b', 'c']);
    expect(await names({ select: { from: ['b'] } })).toEqual(['b']);
    expect(await names({ select: {} }, seededRandom(5))).toEqual(
      await names({ select: {} }, seededRandom(5)),
    );
    await expect(names({ node: 'x' })).rejects.toThrow('no node "x" in the target');
  });

  it('describes selections for plans', () => {
    expect(describeSelection({ node: 'web' })).toBe('web');
    expect(describeSelection({ nodes: ['a', 'b'] })).toBe('a, b');
    expect(describeSelection({ select: { count: 2, seed: 7, from: ['a', 'b', 'c'] } })).toBe(
      '2 random of a, b, c (seed 7)',
    );
    expect(describeSelection({ select: { percent: 50 } })).toBe('50% random of the nodes');
  });
});
