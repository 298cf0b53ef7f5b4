import { describe, expect, it } from 'vitest';
import { measureData } from './rpo.js';

const t0 = 10_000;

describe('measureData (RPO)', () => {
  it('has an RPO window of 0 when no acknowledged write was lost', () => {
    const data = measureData({ attempted: 120, acknowledged: 118, lost: [], recovered: 1 }, t0);
    expect(data).toEqual({
      attempted: 120,
      acknowledged: 118,
      lostWrites: 0,
      lostIds: [],
      recovered: 1,
      rpo: { status: 'measured', ms: 0, resolution: { ms: 0, basis: 'exact' } },
    });
  });

  it('measures the RPO window back to the oldest lost write, whatever the order', () => {
    const lost = [
      { id: 57, ackedAt: 9_700 },
      { id: 55, ackedAt: 9_100 },
      { id: 56, ackedAt: 9_400 },
    ];
    const data = measureData({ attempted: 60, acknowledged: 58, lost, recovered: 0 }, t0);
    expect(data.lostWrites).toBe(3);
    expect(data.lostIds).toEqual([57, 55, 56]);
    expect(data.rpo).toEqual({
      status: 'measured',
      ms: 900,
      resolution: { ms: 0, basis: 'exact' },
      at: 9_100,
    });
  });

  it('never goes negative for writes acknowledged after t0, and says so', () => {
    const lost = [
      { id: 'w-80', ackedAt: 10_300 },
      { id: 'w-81', ackedAt: 10_400 },
    ];
    const data = measureData({ attempted: 90, acknowledged: 85, lost, recovered: 0 }, t0);
    expect(data.rpo).toEqual({
      status: 'measured',
      ms: 0,
      resolution: { ms: 0, basis: 'exact' },
      at: 10_300,
      note: '2 of 2 lost writes were acknowledged after the fault took effect',
    });
  });
});
