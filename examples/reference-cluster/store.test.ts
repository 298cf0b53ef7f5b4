import { describe, expect, it } from 'vitest';
import { Store, comparePositions } from './store.js';

function leaderWith(...keys: string[]): Store {
  const store = new Store();
  for (const key of keys) store.append(1, key, `v-${key}`);
  return store;
}

describe('replicated store', () => {
  it('numbers the leader’s writes and lets a follower accept them in order', () => {
    const leader = leaderWith('a', 'b');
    const follower = new Store();
    expect(follower.accept({ seq: 0, term: 0 }, leader.entriesAfter(0, 10)!)).toBe('applied');
    expect(follower.position).toEqual({ seq: 2, term: 1 });
    expect(follower.get('b')).toEqual({ value: 'v-b', seq: 2 });
  });

  it('skips entries it already holds (a resend) and refuses a gap', () => {
    const leader = leaderWith('a', 'b', 'c');
    const follower = new Store();
    follower.accept({ seq: 0, term: 0 }, leader.entriesAfter(0, 2)!);
    expect(follower.accept({ seq: 0, term: 0 }, leader.entriesAfter(0, 10)!)).toBe('applied');
    expect(follower.position.seq).toBe(3);
    const behind = new Store();
    expect(behind.accept({ seq: 2, term: 1 }, leader.entriesAfter(2, 10)!)).toBe('mismatch');
    expect(behind.position.seq).toBe(0);
  });

  it('refuses entries that follow a different history (same seq, other term)', () => {
    const follower = new Store();
    follower.append(1, 'x', 'old');
    const leader = new Store();
    leader.append(2, 'y', 'new');
    leader.append(2, 'z', 'new');
    expect(follower.accept({ seq: 1, term: 2 }, leader.entriesAfter(1, 10)!)).toBe('mismatch');
    expect(follower.get('x')?.value).toBe('old');
  });

  it('installs a snapshot and continues its log after it', () => {
    const leader = leaderWith('a', 'b');
    const follower = new Store();
    follower.install(leader.snapshot());
    expect(follower.termAt(1)).toBeUndefined();
    expect(follower.entriesAfter(0, 10)).toBeUndefined();
    leader.append(1, 'c', 'v-c');
    expect(follower.accept({ seq: 2, term: 1 }, leader.entriesAfter(2, 10)!)).toBe('applied');
    expect(follower.snapshot().data).toEqual(leader.snapshot().data);
  });

  it('orders positions by term, then seq', () => {
    expect(comparePositions({ seq: 9, term: 1 }, { seq: 2, term: 2 })).toBeLessThan(0);
    expect(comparePositions({ seq: 3, term: 2 }, { seq: 2, term: 2 })).toBeGreaterThan(0);
  });

  it('an out-of-band change keeps the key’s seq and bumps the version', () => {
    const store = leaderWith('a');
    const version = store.version;
    store.tamper('a', 'changed');
    store.tamper('new', 'x');
    expect(store.get('a')).toEqual({ value: 'changed', seq: 1 });
    expect(store.get('new')).toEqual({ value: 'x', seq: 0 });
    expect(store.version).toBe(version + 2);
    expect(store.position.seq).toBe(1);
  });

  it('rebuilds its data as of an earlier position: what a follower that stopped there holds', () => {
    const leader = new Store();
    leader.append(1, 'a', 'a1');
    leader.append(1, 'b', 'b1');
    const follower = new Store();
    follower.accept({ seq: 0, term: 0 }, leader.entriesAfter(0, 10)!);
    leader.append(1, 'a', 'a2');
    leader.append(1, 'c', 'c1');
    expect(Object.fromEntries(leader.dataAt(2)!)).toEqual(follower.snapshot().data);
    expect(Object.fromEntries(leader.dataAt(4)!)).toEqual(leader.snapshot().data);
    expect(leader.dataAt(5)).toBeUndefined();
  });

  it('keeps an out-of-band change in its data as of a position (drift is not in the log)', () => {
    const store = leaderWith('a', 'b');
    store.tamper('a', 'changed');
    expect(store.dataAt(1)?.get('a')).toEqual({ value: 'changed', seq: 1 });
    const installed = new Store();
    installed.install(store.snapshot());
    expect(installed.dataAt(1)).toBeUndefined();
    expect(installed.dataAt(2)?.size).toBe(2);
  });
});
