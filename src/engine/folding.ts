import type { FoldView, MeasureScope } from './measure-scope.js';
import { nextBatch } from './retained.js';

/** Folding starts once this many observations wait (a short drill keeps every one exact). */
export const FOLD_ABOVE = 1_000;

/**
 * Observations that the measurements count (during probes, load requests): kept as they are
 * until there are many, then the older ones are counted into a tally of their iteration (`count`)
 * and let go. Only observations that ended before the scope's `before` and belong to the running
 * iteration are folded, so their count cannot change; the rest stay until measured.
 */
export class Folding<T, Tally> {
  private pending: T[] = [];
  private readonly tallies = new Map<number, Tally>();
  private foldAt: number;

  constructor(
    private readonly scope: MeasureScope,
    private readonly clock: { now(): number },
    private readonly spec: {
      startOf(item: T): number;
      endOf(item: T): number;
      empty(): Tally;
      count(tally: Tally, item: T, view: FoldView): void;
    },
    private readonly foldAbove = FOLD_ABOVE,
  ) {
    this.foldAt = foldAbove;
  }

  push(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.foldAt) this.fold();
  }

  /** The observations not folded (exact), for measuring or charting. */
  get kept(): readonly T[] {
    return this.pending;
  }

  /** The folded count of one iteration, if any of its observations was folded. */
  tally(iteration: number): Tally | undefined {
    return this.tallies.get(iteration);
  }

  private fold(): void {
    const view = this.scope.foldView(this.clock.now());
    if (view) {
      let tally = this.tallies.get(view.iteration);
      const rest: T[] = [];
      for (const item of this.pending) {
        const foldable =
          this.spec.startOf(item) >= view.iterationStart && this.spec.endOf(item) <= view.before;
        if (!foldable) {
          rest.push(item);
          continue;
        }
        tally ??= this.spec.empty();
        this.spec.count(tally, item, view);
      }
      if (tally) this.tallies.set(view.iteration, tally);
      this.pending = rest;
    }
    this.foldAt = nextBatch(this.pending.length, this.foldAbove);
  }
}
