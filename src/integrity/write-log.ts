import type { LedgerSummary } from '../engine/measure/index.js';
import type { LedgerWrite } from './ledger-writer.js';

const NONE = Number.NaN;
/** Rows per chunk (a power of two): 8192 writes, 208 KiB. */
const CHUNK_BITS = 13;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const ROW_MASK = CHUNK_ROWS - 1;

/** A growable column of numbers in fixed chunks: growing never copies, nor holds twice the rows. */
class Column<A extends Float64Array | Uint16Array> {
  private readonly chunks: A[] = [];

  constructor(private readonly make: (rows: number) => A) {}

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]![i & ROW_MASK]!;
  }

  set(i: number, value: number): void {
    const c = i >>> CHUNK_BITS;
    while (this.chunks.length <= c) this.chunks.push(this.make(CHUNK_ROWS));
    this.chunks[c]![i & ROW_MASK] = value;
  }
}

/**
 * Every ledger write of a drill, compactly: the set check must read each one back, so all are
 * kept, but as 18 bytes in typed arrays instead of an object each: the time it was sent, the time
 * it settled, and an error index (a write settles once: acknowledged, error 0, or failed, error
 * ≥ 1, as the writer records it). A 24-hour ledger at 20 writes/s (1.7 M writes) holds 31 MB.
 * The arrays grow by fixed chunks: doubling one array would hold up to twice the rows, and three
 * times while it copies. Write `seq` (1, 2, ...) is row `seq − 1`; its id is `<prefix>-<seq>`.
 */
export class WriteLog {
  private readonly sent = new Column((n) => new Float64Array(n));
  private readonly settled = new Column((n) => new Float64Array(n));
  private readonly errorOf = new Column((n) => new Uint16Array(n));
  /** Distinct error messages (index + 1 in `errorOf`; 0 is none). Capped: the rest share one. */
  private readonly errors: string[] = [];
  private readonly errorIndex = new Map<string, number>();
  count = 0;
  acknowledged = 0;

  constructor(readonly prefix: string) {}

  idOf(seq: number): string {
    return `${this.prefix}-${seq}`;
  }

  /** The seq of one of this ledger's ids; undefined for any other id. */
  seqOf(id: string): number | undefined {
    if (!id.startsWith(`${this.prefix}-`)) return undefined;
    const seq = Number(id.slice(this.prefix.length + 1));
    return Number.isInteger(seq) && seq >= 1 && seq <= this.count ? seq : undefined;
  }

  open(seq: number, sentAt: number): void {
    if (seq !== this.count + 1)
      throw new RangeError(`write ${seq} out of order (expected ${this.count + 1})`);
    this.sent.set(seq - 1, sentAt);
    this.settled.set(seq - 1, NONE);
    this.errorOf.set(seq - 1, 0);
    this.count = seq;
  }

  ack(seq: number, at: number): void {
    this.settled.set(seq - 1, at);
    this.acknowledged++;
  }

  fail(seq: number, at: number, error: string): void {
    this.settled.set(seq - 1, at);
    this.errorOf.set(seq - 1, this.indexOf(error));
  }

  get(seq: number): LedgerWrite {
    const i = seq - 1;
    const settled = this.settled.get(i);
    const error = this.errorOf.get(i);
    return {
      id: this.idOf(seq),
      seq,
      sentAt: this.sent.get(i),
      ...(error === 0 && !Number.isNaN(settled) && { ackedAt: settled }),
      ...(error > 0 && { error: this.errors[error - 1]!, failedAt: settled }),
    };
  }

  all(): LedgerWrite[] {
    const writes: LedgerWrite[] = [];
    for (let seq = 1; seq <= this.count; seq++) writes.push(this.get(seq));
    return writes;
  }

  /** Unacknowledged writes per error message. */
  errorCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (let i = 0; i < this.count; i++) {
      const e = this.errorOf.get(i);
      if (e > 0) counts.set(this.errors[e - 1]!, (counts.get(this.errors[e - 1]!) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Jepsen's set check over the writes sent in [from, to) (see `summarize`): `present[seq]` is 1
   * when the read-back found write `seq`.
   */
  summarize(present: Uint8Array, from = -Infinity, to = Infinity): LedgerSummary {
    const lost: LedgerSummary['lost'] = [];
    let attempted = 0;
    let acknowledged = 0;
    let recovered = 0;
    for (let seq = 1; seq <= this.count; seq++) {
      const sentAt = this.sent.get(seq - 1);
      if (!(sentAt >= from && sentAt < to)) continue;
      attempted++;
      const acked = this.errorOf.get(seq - 1) === 0 ? this.settled.get(seq - 1) : NONE;
      if (!Number.isNaN(acked)) {
        acknowledged++;
        if (present[seq] !== 1) lost.push({ id: this.idOf(seq), ackedAt: acked });
      } else if (present[seq] === 1) recovered++;
    }
    return { attempted, acknowledged, lost, recovered };
  }

  private indexOf(error: string): number {
    const known = this.errorIndex.get(error);
    if (known !== undefined) return known;
    // Messages that embed ids or times would be distinct each: past 1000, they share the last.
    if (this.errors.length >= 1000) return this.errors.length;
    this.errors.push(error);
    this.errorIndex.set(error, this.errors.length);
    return this.errors.length;
  }
}
