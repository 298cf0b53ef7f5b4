import type { MeasureScope } from './measure-scope.js';

/** Pruning starts once this many observations are held (a short drill keeps everything). */
export const RETAIN_ABOVE = 1_000;

/**
 * Observations of one or more signals, held only while the measurements may read them: those in
 * the scope's kept intervals, and of every other stretch the last `tail` per signal (the last
 * before an interval or a skipped gap's end is the one TTD's and the impact's ± look at; the last
 * few are what `settle` and the live checks read), plus each signal's first failure after an interval closed (TTR's
 * mark is chosen among the signals that failed at all after the impact, however much later).
 * Pruning runs in batches (see `nextBatch`), so appending stays O(1) amortised.
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

  /** Marks what stays with plain loops: a day of pruning must not itself churn the heap. */
  private prune(): void {
    const starts = this.scope.starts();
    // Per signal: how many kept after the end, and after each interval start, walking back.
    const seen = new Map<string, number[]>();
    const keep = new Uint8Array(this.items.length);
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i] as T;
      const t = this.timeOf(item);
      const key = this.keyOf(item);
      let counts = seen.get(key);
      if (!counts) seen.set(key, (counts = new Array<number>(starts.length + 1).fill(0)));
      let kept = this.scope.keeps(t) || counts[0]! < this.tail;
      counts[0]!++;
      for (let s = 0; s < starts.length; s++) {
        if (t >= starts[s]!) continue;
        if (counts[s + 1]! < this.tail) kept = true;
        counts[s + 1]!++;
      }
      keep[i] = kept ? 1 : 0;
    }
    this.keepFirstFailures(keep);
    let n = 0;
    for (let i = 0; i < this.items.length; i++) if (keep[i] === 1) this.items[n++] = this.items[i] as T;
    this.dropped += this.items.length - n;
    this.items.length = n;
    this.pruneAt = nextBatch(n, this.retainAbove);
  }

  /** Per closed interval and signal, the first failure at or after its end. */
  private keepFirstFailures(keep: Uint8Array): void {
    const ends = this.scope.ends();
    if (ends.length === 0) return;
    const found = ends.map(() => new Set<string>());
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[i] as T;
      if (!this.failed(item)) continue;
      const t = this.timeOf(item);
      for (let e = 0; e < ends.length; e++) {
        const key = this.keyOf(item);
        if (t < ends[e]! || found[e]!.has(key)) continue;
        found[e]!.add(key);
        keep[i] = 1;
      }
    }
  }
}

/**
 * When to look again, holding `held` after a look: after `at least` more, or an eighth of what is
 * held. Not when the store doubles: what a kept interval holds for good (a fault's first minutes
 * at 20 samples/s per probe) would make every later batch as long, and observations that wait that
 * long outlive two young-generation collections, so V8 promotes them and the old space fills with
 * garbage (the 24-hour bench's heap grew to 90 MB around 20 MB of live data). An eighth keeps each
 * look's cost amortised to nine steps per observation.
 */
export function nextBatch(held: number, atLeast: number): number {
  return held + Math.max(atLeast, held >> 3);
}
