import type { LatencyPercentiles } from '../../result/index.js';
import { inWindows, type TimeWindow } from './series.js';
import type { RequestResult } from './load.js';

/** Folded latencies are kept to this resolution (ms): the bound of a long drill's percentiles. */
export const LATENCY_RESOLUTION_MS = 0.1;
/** Keys are latencies in tenths of a ms; `key / 10` gives back any one-decimal value exactly. */
const PER_MS = 10;

/** Latencies counted by value, rounded to `LATENCY_RESOLUTION_MS` (tenths of a ms as the key). */
export type LatencyCounts = Map<number, number>;

export interface Ratio {
  ok: number;
  total: number;
}

/**
 * Load requests counted instead of kept: what `measureLoad` needs (availability over the fault
 * windows and over everything, latency at baseline and during the fault) plus the fault's
 * availability per window of `perMs` from t0. A long drill folds its older requests into one.
 */
export interface LoadTally {
  overall: Ratio;
  fault: Ratio;
  faultLatency: LatencyCounts;
  baselineLatency: LatencyCounts;
  perWindow: Map<number, Ratio>;
}

export function emptyLoadTally(): LoadTally {
  return {
    overall: { ok: 0, total: 0 },
    fault: { ok: 0, total: 0 },
    faultLatency: new Map(),
    baselineLatency: new Map(),
    perWindow: new Map(),
  };
}

export interface LoadTallyContext {
  faultWindows: readonly TimeWindow[];
  /** Undefined before any fault took effect: every request then is baseline. */
  t0?: number | undefined;
  perMs?: number | undefined;
}

export function countRequest(tally: LoadTally, r: RequestResult, c: LoadTallyContext): void {
  add(tally.overall, r.ok);
  const inFault = inWindows(r.at, c.faultWindows);
  if (inFault) {
    add(tally.fault, r.ok);
    addLatency(tally.faultLatency, r.latencyMs);
    if (c.perMs !== undefined && c.t0 !== undefined) {
      const k = Math.floor((r.at - c.t0) / c.perMs);
      const window = tally.perWindow.get(k) ?? { ok: 0, total: 0 };
      add(window, r.ok);
      tally.perWindow.set(k, window);
    }
  } else if (c.t0 === undefined || r.at < c.t0) addLatency(tally.baselineLatency, r.latencyMs);
}

function add(ratio: Ratio, ok: boolean): void {
  ratio.total++;
  if (ok) ratio.ok++;
}

function addLatency(counts: LatencyCounts, ms: number): void {
  const key = Math.round(ms * PER_MS);
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Nearest-rank p50/p95/p99 over exact values and counted ones together (the same definition as
 * `latencyPercentiles`: the smallest value with at least p% at or below it).
 */
export function percentilesOf(exact: readonly number[], counted?: LatencyCounts): LatencyPercentiles | null {
  const entries: Array<[number, number]> = exact.map((v) => [v, 1]);
  for (const [key, n] of counted ?? []) entries.push([key / PER_MS, n]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  entries.sort((a, b) => a[0] - b[0]);
  const at = (p: number): number => {
    const rank = Math.max(1, Math.ceil((p / 100) * total));
    let seen = 0;
    for (const [value, n] of entries) {
      seen += n;
      if (seen >= rank) return value;
    }
    return entries.at(-1)![0];
  };
  return { n: total, p50: at(50), p95: at(95), p99: at(99) };
}

export function mergeLoad(a: LoadTally, b: LoadTally): LoadTally {
  const ratio = (x: Ratio, y: Ratio): Ratio => ({ ok: x.ok + y.ok, total: x.total + y.total });
  const counts = (x: LatencyCounts, y: LatencyCounts): LatencyCounts => {
    const merged = new Map(x);
    for (const [k, n] of y) merged.set(k, (merged.get(k) ?? 0) + n);
    return merged;
  };
  const perWindow = new Map(a.perWindow);
  for (const [k, w] of b.perWindow) perWindow.set(k, ratio(perWindow.get(k) ?? { ok: 0, total: 0 }, w));
  return {
    overall: ratio(a.overall, b.overall),
    fault: ratio(a.fault, b.fault),
    faultLatency: counts(a.faultLatency, b.faultLatency),
    baselineLatency: counts(a.baselineLatency, b.baselineLatency),
    perWindow,
  };
}
