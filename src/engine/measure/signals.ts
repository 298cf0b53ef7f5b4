import type { Sample } from '../../result/index.js';
import type { RequestResult } from './load.js';
import { probesWithRole, type ProbeInfo } from './series.js';

/** The steady signal of the drill's load: each request (an error or a timeout fails it). */
export const LOAD_SIGNAL = 'load';
/** The steady signal of the RPO ledger: each write (unacknowledged, by an error or its timeout, fails it). */
export const LEDGER_SIGNAL = 'ledger';

/** A ledger write as the measurement needs it: sent, then acknowledged or failed (or still in flight). */
export interface LedgerWriteOutcome {
  sentAt: number;
  ackedAt?: number;
  error?: string;
  /** When the write failed (its error or timeout); when unknown, its send. */
  failedAt?: number;
}

/** One observation of one steady signal, at the instant it describes. */
export interface SignalPoint {
  signal: string;
  /** When it was observed: a sample's start, a request's answer or timeout, a write's ack or error. */
  at: number;
  /** A failed request or write: when it was sent, i.e. the failure began by then (used for the impact). */
  since?: number;
  ok: boolean;
  detail?: string;
}

/**
 * A steady signal's observations, oldest first. `probe` signals are sampled on a grid and hold
 * over a window of `stable_for` samples; `rate` signals (load, ledger) have no rounds of their own
 * and hold over `stable_for` rounds of `roundMs` (see recovery.ts).
 */
export interface SignalSeries {
  name: string;
  kind: 'probe' | 'rate';
  points: SignalPoint[];
}

export interface SignalSources {
  samples: readonly Sample[];
  probes: readonly ProbeInfo[];
  /** The drill's load requests; undefined without load. */
  requests?: readonly RequestResult[] | undefined;
  /** The ledger's writes; undefined without a ledger. */
  writes?: readonly LedgerWriteOutcome[] | undefined;
  /** `recovery.signals`: the names that judge impact and recovery; default all. */
  selected?: readonly string[] | undefined;
}

/**
 * Every steady signal the drill has (steady probes, `load`, `ledger`), narrowed to `selected`.
 * Requests and writes are dated when their outcome was seen: a success at its answer, a failure
 * at its error or timeout (the path was still broken then: a request sent into a fault that
 * succeeds once the fault is gone, or fails at its timeout, would put the recovery up to a
 * timeout too early if dated at its send). A failure also keeps its send time (`since`): the
 * impact began by then.
 * Writes still in flight are no evidence yet either way and are left out.
 */
export function steadySignals(sources: SignalSources): SignalSeries[] {
  const wanted = (name: string): boolean => !sources.selected || sources.selected.includes(name);
  const series: SignalSeries[] = probesWithRole(sources.probes, 'steady')
    .filter((p) => wanted(p.name))
    .map((p) => ({
      name: p.name,
      kind: 'probe',
      points: byTime(
        sources.samples
          .filter((s) => s.probe === p.name)
          .map((s) => ({ signal: p.name, at: s.startedAt, ok: s.ok, ...(s.detail && { detail: s.detail }) })),
      ),
    }));
  if (sources.requests && wanted(LOAD_SIGNAL)) {
    const points = sources.requests.map((r) =>
      r.ok
        ? { signal: LOAD_SIGNAL, at: r.at + r.latencyMs, ok: true }
        : {
            signal: LOAD_SIGNAL,
            at: r.at + r.latencyMs,
            since: r.at,
            ok: false,
            detail: `request failed after ${Math.round(r.latencyMs)}ms`,
          },
    );
    series.push({ name: LOAD_SIGNAL, kind: 'rate', points: byTime(points) });
  }
  if (sources.writes && wanted(LEDGER_SIGNAL)) {
    const points = sources.writes.flatMap((w): SignalPoint[] => {
      if (w.ackedAt !== undefined) return [{ signal: LEDGER_SIGNAL, at: w.ackedAt, ok: true }];
      if (w.error === undefined) return [];
      const detail = `write not acknowledged: ${w.error}`;
      return [{ signal: LEDGER_SIGNAL, at: w.failedAt ?? w.sentAt, since: w.sentAt, ok: false, detail }];
    });
    series.push({ name: LEDGER_SIGNAL, kind: 'rate', points: byTime(points) });
  }
  return series;
}

/** The names a drill may list in `recovery.signals`: its steady probes, and `load`/`ledger` when it has them. */
export function knownSignals(
  steadyProbes: readonly string[],
  hasLoad: boolean,
  hasLedger: boolean,
): string[] {
  return [...steadyProbes, ...(hasLoad ? [LOAD_SIGNAL] : []), ...(hasLedger ? [LEDGER_SIGNAL] : [])];
}

/**
 * The round of the rate signals: the finest interval among the selected steady probes (else
 * among all steady probes, else 1s), so that load and ledger must hold over the same span as the
 * fastest probe's `stable_for` samples.
 */
export function rateRoundMs(probes: readonly ProbeInfo[], selected?: readonly string[]): number {
  const steady = probesWithRole(probes, 'steady');
  const chosen = steady.filter((p) => !selected || selected.includes(p.name));
  const intervals = (chosen.length > 0 ? chosen : steady).map((p) => p.interval);
  return intervals.length > 0 ? Math.min(...intervals) : 1000;
}

function byTime(points: SignalPoint[]): SignalPoint[] {
  return points.sort((a, b) => a.at - b.at);
}
