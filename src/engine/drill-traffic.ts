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
import { MeasureScope } from './measure-scope.js';
import type { LoadTally } from './measure/load-tally.js';
import { RequestStore } from './request-store.js';
import { Retained } from './retained.js';
import type { SampleLog } from './sample-log.js';
import type { WindowStats } from './window-stats.js';
import type { LedgerWrite } from '../integrity/ledger-writer.js';

interface TrafficDeps {
  loaded: LoadedScenario;
  session: RunSession;
  target: StartedTarget;
  values: TemplateValues;
  clock: Clock;
  resolve<T>(value: T, path: Array<string | number>): T;
  /** What the measurements still need (shared with the probes). */
  scope?: MeasureScope;
  /** The run's sample file and per-window summaries: every request and write goes to both. */
  log?: SampleLog;
  windows?: WindowStats;
}

/** How often the load's finished requests are taken in (and its generator's memory freed). */
const PUMP_MS = 1000;

/** What measurement and the result need from the drill's load and ledger. */
export interface TrafficOutcome {
  load?: LoadReport;
  integrity?: LedgerReport;
  /** Requests sent in [from, to) and not folded into `loadTally`; undefined without load. */
  requests(from: number, to: number): RequestResult[] | undefined;
  /** The requests the `load` signal's recovery maths reads, sent in [from, to). */
  signalRequests?(from: number, to: number): RequestResult[] | undefined;
  /** An iteration's folded requests (a long drill's). */
  loadTally?(iteration: number): LoadTally | undefined;
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
  private loadReport: LoadReport | undefined;
  private stopped = false;
  private readonly scope: MeasureScope;
  private readonly requestStore: RequestStore;
  /** The ledger's settled writes that the `ledger` signal's recovery maths may read. */
  private readonly ledgerWrites: Retained<LedgerWrite>;
  private readonly pumping = new AbortController();
  private pump: Promise<void> = Promise.resolve();

  private constructor(private readonly deps: TrafficDeps) {
    this.scope = deps.scope ?? new MeasureScope(undefined);
    this.requestStore = new RequestStore(this.scope, deps.clock, { log: deps.log, windows: deps.windows });
    this.ledgerWrites = new Retained<LedgerWrite>(
      this.scope,
      (w) => w.sentAt,
      () => 'ledger',
      8,
      (w) => w.ackedAt === undefined && w.error !== undefined,
    );
  }

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
        onSettled: (write) => {
          deps.log?.write(write);
          deps.windows?.write(write);
          this.ledgerWrites.push(write);
        },
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
      this.pump = this.pumpLoad(this.load);
    }
  }

  /** Takes the load's finished requests in every second, so its generator holds no series. */
  private async pumpLoad(load: RunningLoad): Promise<void> {
    for (;;) {
      try {
        await this.deps.clock.sleep(PUMP_MS, this.pumping.signal);
      } catch {
        return;
      }
      this.requestStore.add(load.drain());
    }
  }

  /** Stops the load and the ledger's writer (idempotent); in-flight requests and writes settle. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.pumping.abort();
    await this.pump;
    const [load] = await Promise.all([this.load?.stop(), this.ledger?.stopWriting()]);
    if (load) {
      this.requestStore.add(load.requests);
      this.loadReport = load.report;
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
    const k6 = this.loadReport?.k6;
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
    if (this.load && !this.stopped) this.requestStore.add(this.load.drain());
    return {
      ...(this.load && { requests: this.requestStore.signalRequests() }),
      ...(this.ledger && { writes: [...this.ledgerWrites.all, ...this.ledger.inFlight()] }),
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
    const store = this.loadReport ? this.requestStore : undefined;
    const ledger = this.ledger;
    const unavailable = ledger?.unavailable();
    const retainedWrites = ledger ? [...this.ledgerWrites.all, ...ledger.inFlight()] : undefined;
    return {
      ...(this.loadReport && { load: this.loadReport }),
      ...(ledger && { integrity: ledger.report() }),
      requests: (from, to) => store?.keptIn(from, to),
      signalRequests: (from, to) => store?.signalRequests().filter((r) => r.at >= from && r.at < to),
      loadTally: (iteration) => store?.tally(iteration),
      ledger: (from, to) => ledger?.summary(from, to),
      writes: (from, to) => retainedWrites?.filter((w) => w.sentAt >= from && w.sentAt < to),
      settleMs: this.settleMs(),
      ...(unavailable !== undefined && { ledgerUnavailable: unavailable }),
    };
  }
}
