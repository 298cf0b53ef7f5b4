import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { LedgerSummary } from '../engine/measure/index.js';
import type { StartedTarget } from '../targets/target.js';
import type { IntegrityConfig } from './integrity-schema.js';
import type { LedgerDriver, LedgerDriverFactory } from './ledger-driver.js';
import { LedgerWriter, type LedgerWrite } from './ledger-writer.js';
import { readBack, summarize, type ReadOutcome } from './read-back.js';
import { ledgerDrivers, type LedgerDriverName } from './registry.js';

export interface LedgerDeps {
  clock: Clock;
  logger: Logger;
  baseDir: string;
  runId: string;
  target: StartedTarget;
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
  private outcome: ReadOutcome | undefined;
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
    });
  }

  get writes(): readonly LedgerWrite[] {
    return this.writer.writes;
  }

  /** Connects (bounded) and starts writing. */
  async start(signal: AbortSignal): Promise<void> {
    await this.driver.open?.(AbortSignal.any([signal, AbortSignal.timeout(this.config.read_timeout)]));
    this.writer.start();
  }

  /** Stops writing; in-flight writes get their timeout to be acknowledged. */
  async stopWriting(): Promise<void> {
    await this.writer.stop();
  }

  /** After `read_after`, reads every write back (retrying up to read_timeout), then releases the driver. */
  async readBack(signal: AbortSignal): Promise<ReadOutcome> {
    const ids = this.writer.writes.map((w) => w.id);
    try {
      if (this.config.read_after > 0) await this.deps.clock.sleep(this.config.read_after, signal);
      this.outcome = await readBack(this.driver, ids, {
        clock: this.deps.clock,
        timeoutMs: this.config.read_timeout,
        signal,
      });
    } finally {
      await this.close();
    }
    if (!this.outcome.ok) this.deps.logger.warn({ error: this.outcome.error }, 'integrity: read-back failed');
    return this.outcome;
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
    return summarize(
      this.writer.writes.filter((w) => w.sentAt >= from && w.sentAt < to),
      this.outcome.present,
    );
  }

  /** Why there is no summary, when there is none. */
  unavailable(): string | undefined {
    if (!this.outcome) return 'the ledger was not read back (the drill stopped before recovery)';
    if (!this.outcome.ok)
      return `the ledger read-back failed after ${this.outcome.attempts} attempts: ${this.outcome.error}`;
    if (!this.writer.writes.some((w) => w.ackedAt !== undefined)) return 'no ledger write was acknowledged';
    return undefined;
  }

  report(): LedgerReport {
    const writes = this.writer.writes;
    const summary = this.summary();
    const acknowledged = writes.filter((w) => w.ackedAt !== undefined).length;
    const lost = [...(summary?.lost ?? [])].sort((a, b) => a.ackedAt - b.ackedAt);
    const outcome = this.outcome;
    return {
      driver: this.config.driver,
      ratePerSecond: this.config.rate,
      prefix: this.prefix,
      attempted: writes.length,
      acknowledged,
      unacknowledged: writes.length - acknowledged,
      lost: lost.length,
      lostIds: lost.slice(0, SHOWN_IDS).map((w) => String(w.id)),
      recovered: summary?.recovered ?? 0,
      writeErrors: countErrors(writes),
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

function countErrors(writes: readonly LedgerWrite[]): LedgerReport['writeErrors'] {
  const counts = new Map<string, number>();
  for (const w of writes) if (w.error !== undefined) counts.set(w.error, (counts.get(w.error) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([error, count]) => ({ error, count }));
}
