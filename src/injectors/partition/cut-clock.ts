import type { Clock } from '../../common/clock.js';
import type { EffectWindow } from '../injector.js';
import { cutSpan, type CutMarks } from './cut-scripts.js';

/** The wall clock as whole milliseconds (what `Date.now()` gives). */
export type WallMillis = () => number;

/** Enough: a few microseconds between the two readings that bracket the tick. */
const GOOD_ENOUGH_MS = 0.05;

/**
 * The run clock's offset from the wall clock (wall = run + offset) to a few microseconds.
 * A container stamps the cut with the wall clock ($EPOCHREALTIME); mapping it with
 * `Date.now() - clock.now()` would be up to 1 ms short (Date.now() drops the fraction), which
 * puts the stamp up to 1 ms late on the run clock: after failures the cut caused. At the instant
 * Date.now() turns to the next millisecond the wall clock is exactly that millisecond, and the
 * run clock read just before the last old reading and just after the first new one brackets it.
 * Spins at most about one millisecond per attempt; keeps the tightest of `attempts`.
 */
export function wallOffset(clock: Clock, wallMillis: WallMillis = Date.now, attempts = 5): number {
  let best = { offset: wallMillis() - clock.now(), width: Infinity };
  for (let i = 0; i < attempts && best.width > GOOD_ENOUGH_MS; i++) {
    let readAt = clock.now();
    let wall = wallMillis();
    const start = wall;
    let beforeOld = readAt;
    while (wall === start) {
      beforeOld = readAt;
      readAt = clock.now();
      wall = wallMillis();
    }
    const afterNew = clock.now();
    // The tick to start + 1 fell between beforeOld and afterNew (a later `wall` only means a pause;
    // an earlier one, a clock stepped back: not used).
    const width = afterNew - beforeOld;
    if (wall > start && width < best.width) best = { offset: start + 1 - (beforeOld + afterNew) / 2, width };
  }
  return best.offset;
}

/** One node's cut on the run clock, with when its script was ready and began the commit. */
export interface NodeCutTimes extends EffectWindow {
  ready?: number;
  commit?: number;
  /** What bounds `to`: a datagram refused on the packet path, or (none was) iptables-restore's exit. */
  confirmedBy?: 'refused-datagram' | 'restore-exit';
}

/**
 * One node's cut on the run clock: its script's wall-clock marks (cutSpan) moved by `offset`,
 * kept inside the exec that produced them. Without marks, the whole exec.
 */
export function nodeCutTimes(
  marks: CutMarks | undefined,
  offset: number,
  calledAt: number,
  returnedAt: number,
): NodeCutTimes {
  if (!marks) return { from: calledAt, to: returnedAt };
  const within = (t: number): number => Math.min(returnedAt, Math.max(calledAt, t - offset));
  const span = cutSpan(marks);
  return {
    from: within(span.from),
    to: within(span.to),
    ready: within(marks.ready),
    commit: within(marks.commit),
    confirmedBy: marks.refused === undefined ? 'restore-exit' : 'refused-datagram',
  };
}
