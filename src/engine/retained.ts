import type { MeasureScope } from './measure-scope.js';

/** Pruning starts once this many observations are held (a short drill keeps everything). */
export const RETAIN_ABOVE = 5_000;

/**
 * Observations of one or more signals, held only while the measurements may read them: those in
 * the scope's kept intervals, and of every other stretch the last `tail` per signal (the last
 * before an interval is the one TTD's and the impact's ± look at; the last few are what `settle`
 * and the live checks read), plus each signal's first failure after an interval closed (TTR's
 * mark is chosen among the signals that failed at all after the impact, however much later).
 * Pruning runs in batches once the store doubles, so appending stays O(1) amortised.
 */
export class Retained<T> {
  private items: T[] = [];
  private pruneAt = RETAIN_ABOVE;
  /** Observations dropped so far (they remain in the sample file). */
  dropped = 0;

  constructor(
    private readonly scope: MeasureScope,
    private readonly timeOf: (item: T) => number,
    private readonly keyOf: (item: T) => string,
    private readonly tail: number,
    private readonly failed: (item: T) => boolean,
    private readonly retainAbove = RETAIN_ABOVE,
  ) {
    this.pruneAt = retainAbove;
  }

  get all(): readonly T[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.pruneAt) this.prune();
  }

  private prune(): void {
    const starts = this.scope.starts();
    // Per signal: how many kept after the end, and after each interval start, walking back.
    const seen = new Map<string, number[]>();
    const keep = new Array<boolean>(this.items.length);
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i] as T;
      const t = this.timeOf(item);
      const counts = seen.get(this.keyOf(item)) ?? new Array<number>(starts.length + 1).fill(0);
      seen.set(this.keyOf(item), counts);
      let kept = this.scope.keeps(t);
      if (counts[0]! < this.tail) kept = true;
      counts[0]!++;
      starts.forEach((start, s) => {
        if (t >= start) return;
        if (counts[s + 1]! < this.tail) kept = true;
        counts[s + 1]!++;
      });
      keep[i] = kept;
    }
    this.keepFirstFailures(keep);
    const before = this.items.length;
    this.items = this.items.filter((_, i) => keep[i]);
    this.dropped += before - this.items.length;
    this.pruneAt = Math.max(this.retainAbove, 2 * this.items.length);
  }

  /** Per closed interval and signal, the first failure at or after its end. */
  private keepFirstFailures(keep: boolean[]): void {
    const ends = this.scope.ends();
    if (ends.length === 0) return;
    const found = new Set<string>();
    this.items.forEach((item, i) => {
      if (!this.failed(item)) return;
      const t = this.timeOf(item);
      ends.forEach((end, e) => {
        const key = `${e}\0${this.keyOf(item)}`;
        if (t < end || found.has(key)) return;
        found.add(key);
        keep[i] = true;
      });
    });
  }
}
