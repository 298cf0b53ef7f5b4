import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import type { LedgerDriver } from './ledger-driver.js';

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
}

/**
 * Writes `<prefix>-1`, `<prefix>-2`... at a fixed rate, each on its own deadline; a slow write does
 * not hold back the next (the rate is the system's offered load, as from real clients). Each ack
 * is recorded with the instant it arrived.
 */
export class LedgerWriter {
  readonly writes: LedgerWrite[] = [];
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private looping: Promise<void> | undefined;

  constructor(
    private readonly driver: LedgerDriver,
    private readonly options: WriterOptions,
  ) {}

  start(): void {
    this.looping ??= this.loop();
  }

  /** Stops writing; resolves once every write in flight was acknowledged or timed out. */
  async stop(): Promise<LedgerWrite[]> {
    this.stopping.abort();
    await this.looping;
    await Promise.all(this.inFlight);
    return this.writes;
  }

  private async loop(): Promise<void> {
    const { clock, ratePerSecond } = this.options;
    const start = clock.now();
    const gap = 1000 / ratePerSecond;
    for (let seq = 1; !this.stopping.signal.aborted; seq++) {
      const due = start + (seq - 1) * gap;
      try {
        for (let wait = due - clock.now(); wait > 0; wait = due - clock.now())
          await clock.sleep(wait, this.stopping.signal);
      } catch {
        return;
      }
      const write = this.write(seq).finally(() => this.inFlight.delete(write));
      this.inFlight.add(write);
    }
  }

  private async write(seq: number): Promise<void> {
    const { clock, writeTimeoutMs, prefix } = this.options;
    const record: LedgerWrite = { id: `${prefix}-${seq}`, seq, sentAt: clock.now() };
    this.writes.push(record);
    const own = new AbortController();
    const timer = new AbortController();
    const timedOut = clock.sleep(writeTimeoutMs, timer.signal).then(
      () => {
        own.abort(new Error(`no acknowledgement within ${writeTimeoutMs}ms`));
        throw own.signal.reason;
      },
      () => new Promise<never>(() => {}),
    );
    try {
      await Promise.race([this.driver.write(record.id, own.signal), timedOut]);
      record.ackedAt = clock.now();
    } catch (error) {
      record.error = errorMessage(error);
      record.failedAt = clock.now();
    } finally {
      timer.abort();
    }
  }
}
