import type { TimeWindow } from './measure/index.js';

/** A stretch of an interval whose observations need not stay: those after `after`, before `before`. */
interface Gap {
  after: number;
  before: number;
}

function inGap(gaps: readonly Gap[], t: number): boolean {
  for (const g of gaps) if (t > g.after && t < g.before) return true;
  return false;
}

/** What a fault timeline tells the scope: its windows, t0, and faults being injected right now. */
export interface TimelineView {
  firstEffectAt(): number | undefined;
  activeWindows(): Array<{ start: number; end: number | undefined }>;
  readonly records: ReadonlyMap<string, { startedAt?: number; effectAt?: number }>;
}

/** Where older observations may be folded into counts, and how to classify them. */
export interface FoldView {
  iteration: number;
  iterationStart: number;
  /** Fold only observations that ended before this instant: their classification is final. */
  before: number;
  t0: number | undefined;
  /** The fault windows known so far; one still open ends at or after `before`, so `Infinity`. */
  faultWindows: TimeWindow[];
  /** The soak objectives' window, when the drill has them. */
  perMs: number | undefined;
}

/**
 * What the measurements will still need, so that a drill of any length keeps only that in memory.
 *
 * - Detection and recovery read observations from just before the faults until they are decided
 *   (recovered and, with a detect probe, detected): the engine `open`s an interval when the faults
 *   start and `close`s it then (or at the iteration's end). Observations inside an interval stay;
 *   outside, each signal keeps its last few (see `Retained`), which is all that TTD, the impact and
 *   TTR look at before the fault and after the decision. While the steady signals show no impact,
 *   the engine `skip`s what passed in between (see `quietStretch`).
 * - `during` probes, the load's availability and latency, and the soak windows count every
 *   observation: older ones are folded into counts once nothing can change how they count (the
 *   fault windows they fall in are known for good: see `foldView`).
 */
export class MeasureScope {
  private readonly intervals: Array<{ from: number; until: number; gaps: Gap[] }> = [];
  private current: { index: number; startedAt: number; timeline?: TimelineView } | undefined;

  /**
   * @param lagMs observations younger than this are never folded (a fault's window may still be
   *   learnt late by up to the inject call's length, which `foldView` bounds separately).
   */
  constructor(
    readonly perMs: number | undefined,
    private readonly lagMs = 5_000,
  ) {}

  beginIteration(index: number, startedAt: number): void {
    this.current = { index, startedAt };
  }

  /** The faults start now: from here, keep every observation until `close`. */
  open(at: number, timeline: TimelineView): void {
    if (this.current) this.current.timeline = timeline;
    this.intervals.push({ from: at, until: Infinity, gaps: [] });
  }

  /**
   * Within the open interval, the observations after `after` and before `before` are no longer
   * needed, but for each signal's last few before `before` (see `quietStretch`). A stretch that
   * starts where the previous one did (or earlier) extends it; one that starts later (after a
   * detection in between) is a new gap, so what lies between them stays.
   */
  skip(after: number, before: number): void {
    const open = this.intervals.at(-1);
    if (!open || open.until !== Infinity || before <= after) return;
    const last = open.gaps.at(-1);
    if (last && after <= last.after) last.before = Math.max(last.before, before);
    else open.gaps.push({ after, before });
  }

  /** Detection and recovery are decided (or the iteration ended): later observations need not stay. */
  close(at: number): void {
    const last = this.intervals.at(-1);
    if (last && last.until === Infinity) last.until = at;
  }

  /** The recovery watch ended: from now until the next iteration, nothing more is folded. */
  stopFolding(): void {
    this.current = undefined;
  }

  /** Whether an observation at `t` lies in a kept interval. */
  keeps(t: number): boolean {
    // A loop, not `some`: pruning asks this once per observation.
    for (const i of this.intervals) if (t >= i.from && t < i.until) return !inGap(i.gaps, t);
    return false;
  }

  /** The instants before which each signal keeps its last few: interval starts and gap ends. */
  starts(): number[] {
    return this.intervals.flatMap((i) => [i.from, ...i.gaps.map((g) => g.before)]);
  }

  /** The ends of the intervals closed so far. */
  ends(): number[] {
    return this.intervals.flatMap((i) => (i.until === Infinity ? [] : [i.until]));
  }

  foldView(now: number): FoldView | undefined {
    const current = this.current;
    if (!current) return undefined;
    let before = now - this.lagMs;
    const timeline = current.timeline;
    // A fault being injected may date its effect back to the call's start.
    for (const record of timeline?.records.values() ?? [])
      if (record.startedAt !== undefined && record.effectAt === undefined)
        before = Math.min(before, record.startedAt);
    return {
      iteration: current.index,
      iterationStart: current.startedAt,
      before,
      t0: timeline?.firstEffectAt(),
      faultWindows: (timeline?.activeWindows() ?? []).map((w) => ({
        start: w.start,
        end: w.end ?? Infinity,
      })),
      perMs: this.perMs,
    };
  }
}
