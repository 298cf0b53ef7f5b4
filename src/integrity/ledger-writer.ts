import { expiry, type Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import { Pace } from '../common/pace.js';
import type { LedgerDriver } from './ledger-driver.js';
import { WriteLog } from './write-log.js';

/** One numbered write and what became of it. Times are run-clock ms. */
export interface LedgerWrite {
  id: string;
  seq: number;
  sentAt: number;
  /** When the acknowledgement arrived; absent when the write failed or timed out. */
  ackedAt?: number;
  error?: string;
  /** When it failed (its error, or its timeout). */
  failedAt?: number;
}

export interface WriterOptions {
  clock: Clock;
  ratePerSecond: number;
  writeTimeoutMs: number;
  /** Ids are `<prefix>-<seq>`. */
  prefix: string;
  /** Called with each write once it was acknowledged or failed (the drill streams it to disk). */
  onSettled?: (write: LedgerWrite) => void;
}

/** Writes open at once: twice what the rate keeps open through a full timeout, at most 2000. */
export function maxWritesInFlight(ratePerSecond: number, writeTimeoutMs: number): number {
  return Math.min(2000, Math.max(64, Math.ceil((2 * ratePerSecond * writeTimeoutMs) / 1000)));
}

/**
 * Writes `<prefix>-1`, `<prefix>-2`... at a fixed rate, each on its own deadline; a slow write does
 * not hold back the next (the rate is the system's offered load, as from real clients). Each ack
 * is recorded with the instant it arrived.
 */
export class LedgerWriter {
  /** Every write, compactly (the set check reads them all back). */
  readonly log: WriteLog;
  /** The writes sent and not yet settled, as records. */
  private readonly unsettled = new Map<number, LedgerWrite>();
  /** Slots not written because `maxWritesInFlight` writes were still open. */
  skipped = 0;
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private looping: Promise<void> | undefined;

  constructor(
    private readonly driver: LedgerDriver,
    private readonly options: WriterOptions,
  ) {
    this.log = new WriteLog(options.prefix);
  }

  /** Every write so far as records (built on demand: a long drill's callers use `log`). */
  get writes(): LedgerWrite[] {
    return this.log.all();
  }

  /** The writes in flight. */
  inFlightWrites(): LedgerWrite[] {
    return [...this.unsettled.values()];
  }

  /** Writes sent and not yet acknowledged or timed out. */
  get open(): number {
    return this.inFlight.size;
  }

  start(): void {
    this.looping ??= this.loop();
  }

  /** Stops writing; resolves once every write in flight was acknowledged or timed out. */
  async finish(): Promise<void> {
    this.stopping.abort();
    await this.looping;
    await Promise.all(this.inFlight);
  }

  /** `finish`, then every write as a record. */
  async stop(): Promise<LedgerWrite[]> {
    await this.finish();
    return this.writes;
  }

  private async loop(): Promise<void> {
    const { clock, ratePerSecond, writeTimeoutMs } = this.options;
    const start = clock.now();
    const gap = 1000 / ratePerSecond;
    const pace = new Pace(clock, this.stopping.signal);
    const limit = maxWritesInFlight(ratePerSecond, writeTimeoutMs);
    for (let slot = 0, seq = 1; !this.stopping.signal.aborted; slot++) {
      if (!(await pace.until(start + slot * gap))) return;
      if (this.inFlight.size >= limit) {
        // Not sent (no id is used up): the writer cannot offer more; the slots due by now go too.
        const overdue = Math.max(0, Math.floor((clock.now() - start) / gap) - slot);
        this.skipped += 1 + overdue;
        slot += overdue;
        continue;
      }
      const write = this.write(seq++).finally(() => this.inFlight.delete(write));
      this.inFlight.add(write);
    }
  }

  private async write(seq: number): Promise<void> {
    const { clock, writeTimeoutMs, prefix } = this.options;
    const record: LedgerWrite = { id: `${prefix}-${seq}`, seq, sentAt: clock.now() };
    this.log.open(seq, record.sentAt);
    this.unsettled.set(seq, record);
    const own = new AbortController();
    const timer = new AbortController();
    const timedOut = expiry(clock, writeTimeoutMs, timer.signal).then(
      () => {
        own.abort(new Error(`no acknowledgement within ${writeTimeoutMs}ms`));
        throw own.signal.reason;
      },
      () => new Promise<never>(() => {}),
    );
    try {
      await Promise.race([this.driver.write(record.id, own.signal), timedOut]);
      record.ackedAt = clock.now();
      this.log.ack(seq, record.ackedAt);
    } catch (error) {
      record.error = errorMessage(error);
      record.failedAt = clock.now();
      this.log.fail(seq, record.failedAt, record.error);
    } finally {
      timer.abort();
      this.unsettled.delete(seq);
    }
    this.options.onSettled?.(record);
  }
}
