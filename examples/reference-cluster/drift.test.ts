import { describe, expect, it } from 'vitest';
import { classify, describeItem, findDrift, type Fingerprint } from './drift.js';
import type { Stored } from './store.js';

const settings = { cluster: 'reference', replication: 'sync', max_value_bytes: 4096 };
const rules = { clusterSize: 3, protectedSettings: new Set(['cluster', 'replication']), severeKeys: 3 };

function node(name: string, seq: number, data: Record<string, Stored>, overrides: object = {}): Fingerprint {
  return {
    node: name,
    settings: { ...settings, ...overrides },
    snapshot: { position: { seq, term: 1 }, data },
  };
}

const data = { a: { value: '1', seq: 1 }, b: { value: '2', seq: 2 } };

describe('drift against the majority', () => {
  it('finds nothing when every node holds the same', () => {
    expect(findDrift(node('n1', 2, data), [node('n2', 2, data), node('n3', 2, data)], rules)).toEqual({
      severity: 'none',
      items: [],
    });
  });

  it('a tunable setting changed on this node is mild, and names the majority value', () => {
    const finding = findDrift(
      node('n3', 2, data, { max_value_bytes: 1 }),
      [node('n1', 2, data), node('n2', 2, data)],
      rules,
    );
    expect(finding.severity).toBe('mild');
    expect(finding.items).toEqual([{ kind: 'setting', name: 'max_value_bytes', mine: 1, majority: 4096 }]);
    expect(describeItem(finding.items[0]!)).toBe('setting max_value_bytes=1 (majority: 4096)');
  });

  it('a protected setting is severe', () => {
    const finding = findDrift(
      node('n3', 2, data, { replication: 'async' }),
      [node('n1', 2, data), node('n2', 2, data)],
      rules,
    );
    expect(finding.severity).toBe('severe');
  });

  it('a few changed or extra keys are mild; more than the limit is severe', () => {
    const tampered = { ...data, a: { value: 'changed', seq: 1 }, extra: { value: 'x', seq: 0 } };
    const mild = findDrift(node('n2', 2, tampered), [node('n1', 2, data), node('n3', 2, data)], rules);
    expect(mild.severity).toBe('mild');
    expect(mild.items.map((i) => i.name)).toEqual(['a', 'extra']);
    expect(mild.items[1]).toEqual({
      kind: 'key',
      name: 'extra',
      mine: { value: 'x', seq: 0 },
      majority: undefined,
    });
    const many = Object.fromEntries(['w', 'x', 'y', 'z'].map((k) => [k, { value: k, seq: 0 }]));
    expect(
      findDrift(node('n2', 2, { ...data, ...many }), [node('n1', 2, data), node('n3', 2, data)], rules)
        .severity,
    ).toBe('severe');
  });

  it('replication lag is not drift: keys written after the lowest position compared are skipped', () => {
    const ahead = { ...data, c: { value: '3', seq: 3 }, a: { value: 'rewritten', seq: 4 } };
    const finding = findDrift(node('n1', 4, ahead), [node('n2', 2, data), node('n3', 2, data)], rules);
    expect(finding).toEqual({ severity: 'none', items: [] });
  });

  it('a node that differs alone from two agreeing peers is the one that drifted, not them', () => {
    const tampered = { ...data, b: { value: 'changed', seq: 2 } };
    expect(
      findDrift(node('n1', 2, data), [node('n2', 2, tampered), node('n3', 2, data)], rules).severity,
    ).toBe('none');
  });

  it('does not judge without a majority of the cluster to compare with', () => {
    const finding = findDrift(node('n1', 2, data, { max_value_bytes: 1 }), [], rules);
    expect(finding.severity).toBe('none');
    expect(finding.skipped).toBe('compared 1 nodes, need 2');
    // Two nodes that disagree: no strict majority either way.
    expect(
      findDrift(node('n1', 2, data, { max_value_bytes: 1 }), [node('n2', 2, data)], rules).items,
    ).toEqual([]);
  });

  it('classifies by the worst difference', () => {
    const key = { kind: 'key' as const, name: 'k', mine: undefined, majority: undefined };
    expect(classify([], rules)).toBe('none');
    expect(classify([key, key, key], rules)).toBe('mild');
    expect(classify([key, key, key, key], rules)).toBe('severe');
  });
});
