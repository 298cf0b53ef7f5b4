import { describe, expect, it } from 'vitest';
import { compareIds, lowestId, majority, onRemoteView, onTick } from './election.js';
import { Membership } from './membership.js';

const live = (...ids: string[]): Set<string> => new Set(ids);

describe('quorum', () => {
  it('is a strict majority of the cluster', () => {
    expect([1, 2, 3, 4, 5].map(majority)).toEqual([1, 2, 2, 3, 3]);
  });
});

describe('election on a heartbeat round', () => {
  it('elects the lowest live id, in natural order, with the next term', () => {
    expect(onTick({ term: 4 }, { clusterSize: 3, live: live('n3', 'n2'), canElect: true })).toEqual({
      term: 5,
      leader: 'n2',
    });
    expect(lowestId(['n10', 'n9', 'n2'])).toBe('n2');
    expect(compareIds('n10', 'n9')).toBeGreaterThan(0);
  });

  it('keeps a live leader even when a lower id comes back (leadership is sticky)', () => {
    const view = { term: 2, leader: 'n2' };
    expect(onTick(view, { clusterSize: 3, live: live('n1', 'n2', 'n3'), canElect: true })).toBe(view);
  });

  it('keeps a leader it does not hear while a live peer says it hears it (rejoining after a partition)', () => {
    const view = { term: 2, leader: 'n1' };
    const input = { clusterSize: 3, live: live('n2', 'n3'), canElect: true };
    expect(onTick(view, { ...input, leaderVouched: true })).toBe(view);
    expect(onTick(view, { ...input, leaderVouched: false })).toEqual({ term: 3, leader: 'n2' });
  });

  it('replaces a leader it no longer hears from', () => {
    const next = onTick(
      { term: 1, leader: 'n1' },
      { clusterSize: 3, live: live('n2', 'n3'), canElect: true },
    );
    expect(next).toEqual({ term: 2, leader: 'n2' });
  });

  it('follows nobody without a quorum: the minority turns read-only', () => {
    expect(onTick({ term: 3, leader: 'n1' }, { clusterSize: 3, live: live('n1'), canElect: true })).toEqual({
      term: 3,
    });
    expect(onTick({ term: 1 }, { clusterSize: 5, live: live('n1', 'n2'), canElect: true })).toEqual({
      term: 1,
    });
  });

  it('does not elect during its start grace period', () => {
    const view = { term: 1 };
    expect(onTick(view, { clusterSize: 3, live: live('n1', 'n2'), canElect: false })).toBe(view);
  });
});

describe("adopting another node's view", () => {
  it('takes a higher term with its leader', () => {
    expect(onRemoteView({ term: 1, leader: 'n1' }, { term: 2, leader: 'n2' })).toEqual({
      term: 2,
      leader: 'n2',
    });
  });

  it('ignores a lower term', () => {
    const view = { term: 3, leader: 'n2' };
    expect(onRemoteView(view, { term: 2, leader: 'n1' })).toBe(view);
  });

  it('on the same term, the lower leader id wins, and a known leader fills an empty view', () => {
    expect(onRemoteView({ term: 2, leader: 'n3' }, { term: 2, leader: 'n2' })).toEqual({
      term: 2,
      leader: 'n2',
    });
    expect(onRemoteView({ term: 2, leader: 'n2' }, { term: 2, leader: 'n3' })).toEqual({
      term: 2,
      leader: 'n2',
    });
    expect(onRemoteView({ term: 2 }, { term: 2, leader: 'n3' })).toEqual({ term: 2, leader: 'n3' });
  });
});

describe('failure detection', () => {
  it('declares a peer down after the heartbeat timeout of silence, and up when it is heard again', () => {
    const membership = new Membership(['n2', 'n3'], 1500);
    membership.heard('n2', 0);
    membership.heard('n3', 0);
    expect(membership.update(10)).toEqual([
      { peer: 'n2', to: 'up' },
      { peer: 'n3', to: 'up' },
    ]);
    membership.heard('n3', 1000);
    expect(membership.update(1500)).toEqual([]);
    expect(membership.update(1501)).toEqual([{ peer: 'n2', to: 'down', silentMs: 1501 }]);
    expect(membership.down()).toEqual(['n2']);
    membership.heard('n2', 1600);
    expect(membership.update(1600)).toEqual([{ peer: 'n2', to: 'up' }]);
  });

  it('counts a never-heard peer as down without reporting a transition', () => {
    const membership = new Membership(['n2'], 100);
    expect(membership.update(5000)).toEqual([]);
    expect(membership.state('n2')).toBe('down');
    expect(membership.everyPeerHeard()).toBe(false);
  });
});
