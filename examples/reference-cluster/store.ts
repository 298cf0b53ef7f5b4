/**
 * The replicated state: a key/value map built from a log of writes. The leader appends entries;
 * followers accept them in order, each batch naming the (seq, term) it follows, so a follower that
 * missed or diverged from the leader's log says so and gets the missing entries or a snapshot.
 * The log stays in memory for the node's lifetime (drills are short).
 */

export interface Position {
  seq: number;
  /** Term of the leader that wrote the entry at `seq`. */
  term: number;
}

export interface Entry extends Position {
  key: string;
  value: string;
}

export interface Stored {
  value: string;
  /** Seq of the entry that wrote it; 0 for a value changed out of band (see `tamper`). */
  seq: number;
}

export interface Snapshot {
  position: Position;
  data: Record<string, Stored>;
}

/** Which position is further along: the later term first, then the higher seq. */
export function comparePositions(a: Position, b: Position): number {
  return a.term - b.term || a.seq - b.seq;
}

export type AcceptResult = 'applied' | 'mismatch';

export class Store {
  private data = new Map<string, Stored>();
  /** Position the in-memory log starts after (0 for a fresh log, else the installed snapshot's). */
  private base: Position = { seq: 0, term: 0 };
  private entries: Entry[] = [];
  /** What each entry replaced (same index as `entries`): the data as of an earlier seq is rebuilt from it. */
  private replaced: Array<Stored | undefined> = [];
  /** Bumped on every change: the checkpointer writes when it moved. */
  version = 0;

  get position(): Position {
    const last = this.entries.at(-1);
    return last ? { seq: last.seq, term: last.term } : { ...this.base };
  }

  get size(): number {
    return this.data.size;
  }

  get(key: string): Stored | undefined {
    return this.data.get(key);
  }

  /** Leader: a new write in `term`. */
  append(term: number, key: string, value: string): Entry {
    const entry = { seq: this.position.seq + 1, term, key, value };
    this.apply(entry);
    return entry;
  }

  /** Term of the entry at `seq`, or undefined when this log does not hold it. */
  termAt(seq: number): number | undefined {
    if (seq === this.base.seq) return this.base.term;
    if (seq < this.base.seq) return undefined;
    return this.entries[seq - this.base.seq - 1]?.term;
  }

  /** Entries after `seq` (at most `max`), or undefined when the log does not reach back that far. */
  entriesAfter(seq: number, max: number): Entry[] | undefined {
    if (this.termAt(seq) === undefined) return undefined;
    const from = seq - this.base.seq;
    return this.entries.slice(from, from + max);
  }

  /**
   * Follower: entries that follow `prev` in the leader's log. Entries already held are skipped (a
   * resend); a gap or a different history is a mismatch, and nothing changes.
   */
  accept(prev: Position, entries: readonly Entry[]): AcceptResult {
    if (this.termAt(prev.seq) !== prev.term) return 'mismatch';
    const fresh: Entry[] = [];
    for (const entry of entries) {
      if (entry.seq <= this.position.seq && fresh.length === 0) {
        if (this.termAt(entry.seq) !== entry.term) return 'mismatch';
        continue;
      }
      const expected = (fresh.at(-1)?.seq ?? this.position.seq) + 1;
      if (entry.seq !== expected) return 'mismatch';
      fresh.push(entry);
    }
    for (const entry of fresh) this.apply(entry);
    return 'applied';
  }

  /**
   * The data as it stood once the entry at `seq` was applied (changes made out of band since stay:
   * they are not in the log), or undefined when the log does not reach back to `seq` or not yet to it.
   */
  dataAt(seq: number): Map<string, Stored> | undefined {
    if (seq < this.base.seq || seq > this.position.seq) return undefined;
    const data = new Map(this.data);
    for (let i = this.entries.length - 1; i >= 0 && this.entries[i]!.seq > seq; i--) {
      const before = this.replaced[i];
      if (before === undefined) data.delete(this.entries[i]!.key);
      else data.set(this.entries[i]!.key, before);
    }
    return data;
  }

  snapshot(): Snapshot {
    return { position: this.position, data: Object.fromEntries(this.data) };
  }

  /** Replaces everything by a snapshot; the log restarts after its position. */
  install(snapshot: Snapshot): void {
    this.data = new Map(Object.entries(snapshot.data));
    this.base = { ...snapshot.position };
    this.entries = [];
    this.replaced = [];
    this.version += 1;
  }

  /** An out-of-band change, bypassing the log: what drift looks like. `undefined` deletes. */
  tamper(key: string, value: string | undefined): void {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, { value, seq: this.data.get(key)?.seq ?? 0 });
    this.version += 1;
  }

  /** Puts a key back as the majority holds it (drift healing). */
  repair(key: string, stored: Stored | undefined): void {
    if (stored === undefined) this.data.delete(key);
    else this.data.set(key, { ...stored });
    this.version += 1;
  }

  private apply(entry: Entry): void {
    this.replaced.push(this.data.get(entry.key));
    this.entries.push(entry);
    this.data.set(entry.key, { value: entry.value, seq: entry.seq });
    this.version += 1;
  }
}
