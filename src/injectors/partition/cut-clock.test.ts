import { describe, expect, it } from 'vitest';
import type { Clock } from '../../common/clock.js';
import { nodeCutTimes, wallOffset } from './cut-clock.js';
import type { CutMarks } from './cut-scripts.js';

/** The run clock: each reading moves time on by `step` ms, and `stalls` adds pauses at given readings. */
function fakeClock(step: number, stalls: ReadonlyMap<number, number> = new Map()) {
  let t = 5_000;
  let reads = 0;
  const clock: Clock = {
    now: () => (t += step + (stalls.get(++reads) ?? 0)),
    wallTime: (at) => new Date(at),
    sleep: () => Promise.resolve(),
  };
  /** Date.now() of a wall clock `offset` ahead of the run clock: whole milliseconds. */
  const wallMillis = (offset: number) => () => Math.floor(t + offset);
  return { clock, wallMillis };
}

const OFFSET = 1_765_130_000_000.5;

describe('wallOffset', () => {
  it('finds the offset to microseconds where Date.now() minus the run clock is up to 1 ms short', () => {
    const { clock, wallMillis } = fakeClock(0.002);
    const naive = wallMillis(OFFSET)() - clock.now();
    expect(OFFSET - naive).toBeGreaterThan(0.4);
    expect(Math.abs(wallOffset(clock, wallMillis(OFFSET)) - OFFSET)).toBeLessThan(0.005);
  });

  it('keeps the tightest bracket when a pause falls on the tick (a busy machine)', () => {
    // The first tick comes 250 readings in (0.5 ms at 2 µs a reading): 3 ms lost just before it.
    const stalled = () => fakeClock(0.002, new Map([[249, 3]]));
    const once = stalled();
    expect(Math.abs(wallOffset(once.clock, once.wallMillis(OFFSET), 1) - OFFSET)).toBeGreaterThan(1);
    const { clock, wallMillis } = stalled();
    expect(Math.abs(wallOffset(clock, wallMillis(OFFSET)) - OFFSET)).toBeLessThan(0.005);
  });
});

describe('nodeCutTimes', () => {
  const marks: CutMarks = {
    ready: OFFSET + 80,
    commit: OFFSET + 100,
    open: OFFSET + 100.3,
    refused: OFFSET + 100.35,
    exited: OFFSET + 160,
  };

  it('puts the cut between the last datagram out and the first refused, on the run clock', () => {
    expect(nodeCutTimes(marks, OFFSET, 50, 200)).toEqual({
      from: expect.closeTo(100.3, 3),
      to: expect.closeTo(100.35, 3),
      ready: expect.closeTo(80, 3),
      commit: expect.closeTo(100, 3),
      confirmedBy: 'refused-datagram',
    });
  });

  it('ends at the exit of iptables-restore when no datagram was refused', () => {
    const { refused: _, ...unrefused } = marks;
    expect(nodeCutTimes(unrefused, OFFSET, 50, 200)).toMatchObject({ confirmedBy: 'restore-exit' });
    expect(nodeCutTimes(unrefused, OFFSET, 50, 200).to).toBeCloseTo(160, 3);
  });

  it('keeps the marks inside the exec that printed them, and takes the whole exec without marks', () => {
    const times = nodeCutTimes(marks, OFFSET, 100.32, 100.34);
    expect([times.from, times.to]).toEqual([100.32, 100.34]);
    expect(nodeCutTimes(undefined, OFFSET, 50, 200)).toEqual({ from: 50, to: 200 });
  });

  it('never puts t0 after the cut: a Date.now() offset did, by up to 1 ms', () => {
    // The cut fell at wall OFFSET + 100.32, between the marks 100.3 and 100.35.
    const cutAt = 100.32;
    const fresh = () => fakeClock(0.002);
    const { clock, wallMillis } = fresh();
    const precise = wallOffset(clock, wallMillis(OFFSET));
    const other = fresh();
    const naive = other.wallMillis(OFFSET)() - other.clock.now();
    expect(nodeCutTimes(marks, precise, 0, 1e9).from).toBeLessThanOrEqual(cutAt);
    expect(nodeCutTimes(marks, naive, 0, 1e9).from).toBeGreaterThan(cutAt);
  });
});
