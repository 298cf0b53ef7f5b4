import type { Clock } from '../common/clock.js';
import { EnvironmentError, errorMessage } from '../common/errors.js';
import { IntegrityLedger, type LedgerReport } from '../integrity/integrity-ledger.js';
import type { IntegrityConfig } from '../integrity/integrity-schema.js';
import type { LoadConfig } from '../load/load-schema.js';
import { startLoad, type LoadReport, type RunningLoad } from '../load/load-run.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { StartedTarget, TemplateValues } from '../targets/target.js';
import type { LedgerSummary, LedgerWriteOutcome, RequestResult } from './measure/index.js';
import type { RunSession } from './run-session.js';

interface TrafficDeps {
  loaded: LoadedScenario;
  session: RunSession;
  target: StartedTarget;
  values: TemplateValues;
  clock: Clock;
  resolve<T>(value: T, path: Array<string | number>): T;
}

/** What measurement and the result need from the drill's load and ledger. */
export interface TrafficOutcome {
  load?: LoadReport;
  integrity?: LedgerReport;
  /** Requests sent in [from, to); undefined without load. */
  requests(from: number, to: number): RequestResult[] | undefined;
  /** The ledger's set check over writes sent in [from, to); undefined without a complete read-back. */
  ledger(from: number, to: number): LedgerSummary | undefined;
  /** The ledger's writes sent in [from, to), each a `ledger` signal observation; undefined without a ledger. */
  writes(from: number, to: number): LedgerWriteOutcome[] | undefined;
  /** How long a load request or a ledger write may take to settle (the larger of their timeouts). */
  settleMs: number;
  /** Why the ledger measured nothing although the drill has one. */
  ledgerUnavailable?: string;
}

/** The load's requests and the ledger's writes so far, while the drill runs (for the recovery watch). */
export interface LiveTraffic {
  requests?: RequestResult[];
  writes?: readonly LedgerWriteOutcome[];
  settleMs: number;
}

/**
 * The drill's load (`load`) and RPO ledger (`integrity`): both start with the baseline, so the
 * baseline has latency figures and the writes acknowledged before the fault are the ones at risk;
 * both stop once the system recovered, and the ledger is then read back.
 */
export class DrillTraffic {
  private load: RunningLoad | undefined;
  private ledger: IntegrityLedger | undefined;
  private loadResult: { report: LoadReport; requests: RequestResult[] } | undefined;
  private stopped = false;

  private constructor(private readonly deps: TrafficDeps) {}

  static async start(deps: TrafficDeps, signal: AbortSignal): Promise<DrillTraffic> {
    const traffic = new DrillTraffic(deps);
    try {
      await traffic.begin(signal);
    } catch (error) {
      // A ledger already writing must not outlive a load that could not start.
      await traffic.close();
      throw error;
    }
    return traffic;
  }

  private async begin(signal: AbortSignal): Promise<void> {
    const { deps } = this;
    const { drill } = deps.loaded;
    const { session } = deps;
    if (drill.integrity) {
      const config = deps.resolve(drill.integrity, ['integrity']) as IntegrityConfig;
      this.ledger = new IntegrityLedger(config, {
        clock: deps.clock,
        logger: session.logger.child({ integrity: config.driver }),
        baseDir: deps.loaded.baseDir,
        runId: session.runId,
        target: deps.target,
      });
      await this.ledger.start(signal);
      session.journal.record('integrity.started', { driver: config.driver, rate: config.rate });
    }
    if (drill.load) {
      this.load = await startLoad(deps.resolve(drill.load, ['load']) as LoadConfig, {
        clock: deps.clock,
        logger: session.logger.child({ load: true }),
        baseDir: deps.loaded.baseDir,
        runDir: session.runDir,
        values: deps.values,
        maxDurationMs: drill.timeouts.drill,
        recordResource: async (resource) => session.state.addResource(resource),
      });
      session.journal.record('load.started', {
        generator: this.load.generator,
        reason: this.load.reason,
      });
    }
  }

  /** Stops the load and the ledger's writer (idempotent); in-flight requests and writes settle. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const [load] = await Promise.all([this.load?.stop(), this.ledger?.stopWriting()]);
    if (load) {
      this.loadResult = load;
      const { requests, dropped, generator, k6 } = load.report;
      this.deps.session.journal.record('load.stopped', {
        generator,
        requests,
        dropped,
        ...(k6 && { k6ExitCode: k6.exitCode, k6: k6.meaning }),
      });
    }
  }

  /**
   * After recovery: stops the load and the writer, and reads the ledger back (bounded by its
   * read_timeout). A k6 that failed on its own (not thresholds) leaves the figures untrustworthy:
   * the drill then ends as an error that points at k6's log.
   */
  async readBack(signal: AbortSignal): Promise<void> {
    await this.stop();
    const k6 = this.loadResult?.report.k6;
    if (k6?.endedEarly && k6.exitCode !== 0 && k6.exitCode !== 99) {
      throw new EnvironmentError(
        `k6 failed during the drill: ${k6.meaning}${k6.lastLines?.length ? `: ${k6.lastLines.at(-1)}` : ''}`,
        {
          hint: `see ${k6.log}`,
        },
      );
    }
    if (!this.ledger) return;
    const outcome = await this.ledger.readBack(signal);
    const report = this.ledger.report();
    this.deps.session.journal.record('integrity.read', {
      ok: outcome.ok,
      attempted: report.attempted,
      acknowledged: report.acknowledged,
      lost: report.lost,
      recovered: report.recovered,
      ...(!outcome.ok && { error: outcome.error }),
    });
  }

  /** Releases what is still open (a drill that ended before its read-back). */
  async close(): Promise<void> {
    try {
      await this.stop();
    } catch (error) {
      this.deps.session.journal.record('traffic.stop.failed', { reason: errorMessage(error) });
    }
    await this.ledger?.close();
  }

  /** What the load and the ledger have seen so far; after `stop`, everything they saw. */
  live(): LiveTraffic {
    const requests = this.loadResult?.requests ?? this.load?.results();
    return {
      ...(requests && { requests }),
      ...(this.ledger && { writes: this.ledger.writes }),
      settleMs: this.settleMs(),
    };
  }

  private settleMs(): number {
    const { drill } = this.deps.loaded;
    const load = this.load ? (drill.load?.timeout ?? 0) : 0;
    const ledger = this.ledger ? (drill.integrity?.write_timeout ?? 0) : 0;
    return Math.max(load, ledger);
  }

  outcome(): TrafficOutcome {
    const requests = this.loadResult?.requests;
    const ledger = this.ledger;
    const unavailable = ledger?.unavailable();
    return {
      ...(this.loadResult && { load: this.loadResult.report }),
      ...(ledger && { integrity: ledger.report() }),
      requests: (from, to) => requests?.filter((r) => r.at >= from && r.at < to),
      ledger: (from, to) => ledger?.summary(from, to),
      writes: (from, to) => ledger?.writes.filter((w) => w.sentAt >= from && w.sentAt < to),
      settleMs: this.settleMs(),
      ...(unavailable !== undefined && { ledgerUnavailable: unavailable }),
    };
  }
}
