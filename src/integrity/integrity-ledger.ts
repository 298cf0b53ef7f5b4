import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { LedgerSummary } from '../engine/measure/index.js';
import type { StartedTarget } from '../targets/target.js';
import type { IntegrityConfig } from './integrity-schema.js';
import type { LedgerDriver, LedgerDriverFactory } from './ledger-driver.js';
import { LedgerWriter, type LedgerWrite } from './ledger-writer.js';
import { readBack, type ReadOutcome } from './read-back.js';
import type { WriteLog } from './write-log.js';
import { ledgerDrivers, type LedgerDriverName } from './registry.js';

export interface LedgerDeps {
  clock: Clock;
  logger: Logger;
  baseDir: string;
  runId: string;
  target: StartedTarget;
  /** Each write once acknowledged or failed (the drill streams it to the sample file). */
  onSettled?: (write: LedgerWrite) => void;
}

/** What result.json says about the ledger. */
export interface LedgerReport {
  driver: string;
  ratePerSecond: number;
  prefix: string;
  attempted: number;
  acknowledged: number;
  unacknowledged: number;
  lost: number;
  /** The first 100 lost ids, oldest acknowledgement first. */
  lostIds: string[];
  recovered: number;
  /** Why writes went unacknowledged, most frequent first. */
  writeErrors: Array<{ error: string; count: number }>;
  readBack: { ok: boolean; attempts: number; tookMs: number; error?: string };
}

const SHOWN_IDS = 100;

/** The RPO ledger of one drill: writer during the drill, read-back after recovery. */
export class IntegrityLedger {
  private readonly driver: LedgerDriver;
  private readonly writer: LedgerWriter;
  private readonly prefix: string;
  private outcome: LedgerReadOutcome | undefined;
  private closed = false;

  constructor(
    private readonly config: IntegrityConfig,
    private readonly deps: LedgerDeps,
  ) {
    // Loaded before the drill ran (loadDrillPlugins).
    const factory = ledgerDrivers[config.driver as LedgerDriverName].loaded() as LedgerDriverFactory;
    this.driver = factory.create(config, deps);
    this.prefix = config.prefix ?? deps.runId;
    this.writer = new LedgerWriter(this.driver, {
      clock: deps.clock,
      ratePerSecond: config.rate,
      writeTimeoutMs: config.write_timeout,
      prefix: this.prefix,
      ...(deps.onSettled && { onSettled: deps.onSettled }),
    });
  }

  /** Every write as a record (built on demand; the drill itself reads `log`). */
  get writes(): readonly LedgerWrite[] {
    return this.writer.writes;
  }

  /** Every write, compactly. */
  get log(): WriteLog {
    return this.writer.log;
  }

  /** The writes sent and not yet acknowledged or failed. */
  inFlight(): LedgerWrite[] {
    return this.writer.inFlightWrites();
  }

  /** Connects (bounded) and starts writing. */
  async start(signal: AbortSignal): Promise<void> {
    await this.driver.open?.(AbortSignal.any([signal, AbortSignal.timeout(this.config.read_timeout)]));
    this.writer.start();
  }

  /** Stops writing; in-flight writes get their timeout to be acknowledged. */
  async stopWriting(): Promise<void> {
    await this.writer.finish();
  }

  /**
   * After `read_after`, reads every write back (retrying up to read_timeout), then releases the
   * driver. The ids go in chunks, and what was found is kept as one byte per write: a 24-hour
   * ledger is read back without holding every id at once.
   */
  async readBack(signal: AbortSignal): Promise<LedgerReadResult> {
    const log = this.writer.log;
    const { clock } = this.deps;
    try {
      if (this.config.read_after > 0) await clock.sleep(this.config.read_after, signal);
      this.outcome = await readInChunks(
        log,
        (ids, timeoutMs) => readBack(this.driver, ids, { clock, timeoutMs, signal }),
        clock,
        this.config.read_timeout,
      );
    } finally {
      await this.close();
    }
    const outcome = this.outcome;
    if (!outcome.ok) this.deps.logger.warn({ error: outcome.error }, 'integrity: read-back failed');
    return outcome.ok ? { ok: true, attempts: outcome.attempts, tookMs: outcome.tookMs } : outcome;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.driver
      .close?.()
      .catch((error: unknown) => this.deps.logger.warn({ error }, 'integrity: close failed'));
  }

  /** The set check over the writes sent in [from, to) (default all); undefined before a complete read-back. */
  summary(from = -Infinity, to = Infinity): LedgerSummary | undefined {
    if (!this.outcome?.ok) return undefined;
    return this.writer.log.summarize(this.outcome.present, from, to);
  }

  /** Why there is no summary, when there is none. */
  unavailable(): string | undefined {
    if (!this.outcome) return 'the ledger was not read back (the drill stopped before recovery)';
    if (!this.outcome.ok)
      return `the ledger read-back failed after ${this.outcome.attempts} attempts: ${this.outcome.error}`;
    if (this.writer.log.acknowledged === 0) return 'no ledger write was acknowledged';
    return undefined;
  }

  report(): LedgerReport {
    const log = this.writer.log;
    const summary = this.summary();
    const acknowledged = log.acknowledged;
    const lost = [...(summary?.lost ?? [])].sort((a, b) => a.ackedAt - b.ackedAt);
    const outcome = this.outcome;
    return {
      driver: this.config.driver,
      ratePerSecond: this.config.rate,
      prefix: this.prefix,
      attempted: log.count,
      acknowledged,
      unacknowledged: log.count - acknowledged,
      lost: lost.length,
      lostIds: lost.slice(0, SHOWN_IDS).map((w) => String(w.id)),
      recovered: summary?.recovered ?? 0,
      writeErrors: topErrors(log.errorCounts()),
      readBack: outcome
        ? {
            ok: outcome.ok,
            attempts: outcome.attempts,
            tookMs: Math.round(outcome.tookMs),
            ...(!outcome.ok && { error: outcome.error }),
          }
        : { ok: false, attempts: 0, tookMs: 0, error: 'not read back' },
    };
  }
}

function topErrors(counts: ReadonlyMap<string, number>): LedgerReport['writeErrors'] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([error, count]) => ({ error, count }));
}

/** How the read-back went (what it found is in `summary`). */
export type LedgerReadResult =
  | { ok: true; attempts: number; tookMs: number }
  | { ok: false; error: string; attempts: number; tookMs: number };

/** A read-back's outcome, with what it found as one byte per write (`present[seq]`). */
type LedgerReadOutcome =
  | { ok: true; present: Uint8Array; attempts: number; tookMs: number }
  | { ok: false; error: string; attempts: number; tookMs: number };

/** Ids per read: bounds the memory a read-back holds at once. */
const READ_CHUNK = 50_000;

/** Reads every write back, chunk by chunk, within one shared deadline. */
async function readInChunks(
  log: WriteLog,
  read: (ids: string[], timeoutMs: number) => Promise<ReadOutcome>,
  clock: { now(): number },
  timeoutMs: number,
): Promise<LedgerReadOutcome> {
  const started = clock.now();
  const present = new Uint8Array(log.count + 1);
  let attempts = 0;
  for (let from = 1; from <= log.count || from === 1; from += READ_CHUNK) {
    const ids: string[] = [];
    for (let seq = from; seq < from + READ_CHUNK && seq <= log.count; seq++) ids.push(log.idOf(seq));
    const left = Math.max(0, timeoutMs - (clock.now() - started));
    const outcome = await read(ids, left);
    attempts += outcome.attempts;
    if (!outcome.ok) return { ...outcome, attempts, tookMs: clock.now() - started };
    for (const id of outcome.present) {
      const seq = log.seqOf(id);
      if (seq !== undefined) present[seq] = 1;
    }
    if (log.count === 0) break;
  }
  return { ok: true, present, attempts, tookMs: clock.now() - started };
}
