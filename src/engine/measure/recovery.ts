import type { Impact, Resolution } from '../../result/index.js';
import { bracketed } from './time-measurement.js';
import type { SignalPoint, SignalSeries } from './signals.js';

export const DEFAULT_STABLE_FOR = 3;

export type { Impact };

export interface RecoveryInput {
  t0: number;
  /** The steady signals that judge impact and recovery (see `steadySignals`). */
  signals: readonly SignalSeries[];
  /** Consecutive passing rounds that prove recovery (default 3). */
  stableFor?: number;
  /** The recover deadline is t0 + this. */
  recoverTimeoutMs: number;
  /** The round of the rate signals (load, ledger): see `rateRoundMs`. */
  roundMs: number;
}

export type Recovery =
  | { status: 'not-measured'; reason: string }
  | { status: 'no-impact'; impact: Impact }
  | {
      status: 'recovered';
      impact: Impact;
      /** t_r: the start of the stable window. */
      at: number;
      /** The signal whose observation marks t_r: the last one seen healthy again. */
      signal: string;
      /** From the last failure of any signal before t_r to t_r: the recovery happened in between. */
      resolution: Resolution;
      /** The last observation of the window that proved it. */
      windowEnd: number;
    }
  | {
      status: 'not-recovered';
      impact: Impact;
      deadline: number;
      /**
       * A window that starts at or before the deadline is clean so far but still lacks samples:
       * keep sampling until it completes or breaks before taking `not-recovered` as final.
       */
      pending: boolean;
    };

export function stableRounds(stableFor: number | undefined): number {
  return Math.max(1, Math.floor(stableFor ?? DEFAULT_STABLE_FOR));
}

/**
 * The first failure at or after t0 of any steady signal. Its ± is bounded by the same signal's
 * previous observation (or t0, when that came before the fault): the failure began in between.
 */
export function findImpact(t0: number, signals: readonly SignalSeries[]): Impact {
  let hit: { point: SignalPoint; at: number; before: number } | undefined;
  for (const s of signals) {
    for (const point of s.points) {
      const at = point.since ?? point.at;
      if (point.ok || at < t0 || (hit && hit.at <= at)) continue;
      const previous = s.points.filter((p) => p.at < at).at(-1)?.at ?? t0;
      hit = { point, at, before: Math.max(t0, previous) };
    }
  }
  if (!hit) return { status: 'none' };
  const { point, at, before } = hit;
  return {
    status: 'impact',
    at,
    signal: point.signal,
    ...(point.detail ? { detail: point.detail } : {}),
    resolution: bracketed(before, at),
  };
}

/**
 * Finds t_r, the first instant after the impact from which every steady signal holds
 * continuously for `stableFor` rounds; the window proves recovery and t_r is its start.
 *
 * A candidate t is the time of a passing observation at or after the impact. For each signal, its
 * window after t must be complete: a steady probe's first `stableFor` samples at or after t; a
 * rate signal's (load, ledger) observations from its first at or after t through its first at or
 * after t + (stableFor − 1) × roundMs, i.e. the span of `stableFor` rounds. No observation of any
 * signal may fail from t to the end of the last window ("continuously"). The recovery instant for
 * t is the latest, over the signals, of each one's first observation at or after t: a signal is
 * only known healthy once it was seen passing after t. t_r is that instant for the earliest valid
 * candidate; it must be at or before the deadline (t0 + recoverTimeoutMs), while its window may
 * complete after it. A signal that never failed after the impact was never unhealthy: it does not
 * have to be seen again (else a probe that only ever passed would mark the recovery of the load).
 */
export function findRecovery(input: RecoveryInput): Recovery {
  const { t0, signals } = input;
  if (signals.length === 0) return { status: 'not-measured', reason: 'the scenario has no steady signal' };
  const impact = findImpact(t0, signals);
  if (impact.status === 'none') return { status: 'no-impact', impact };
  const stableFor = stableRounds(input.stableFor);
  const deadline = t0 + input.recoverTimeoutMs;
  // Observations from the impact on (a failed request sent then is seen at its timeout).
  const after = signals.map((s) => ({ ...s, points: s.points.filter((p) => p.at >= impact.at) }));
  const merged = after.flatMap((s) => s.points).sort((a, b) => a.at - b.at);
  const failures = merged.filter((p) => !p.ok);
  const failed = new Set(failures.map((f) => f.signal));
  let previous = Number.NaN;
  for (const candidate of merged) {
    if (!candidate.ok || candidate.at === previous) continue;
    previous = candidate.at;
    // r(t) only grows with t, so no later candidate can recover before the deadline.
    if (candidate.at > deadline) break;
    const check = checkCandidate(candidate, after, failures, failed, stableFor, input.roundMs);
    if (check.kind === 'broken') continue;
    if (check.at > deadline) break;
    if (check.kind === 'incomplete') return { status: 'not-recovered', impact, deadline, pending: true };
    const lastFailure = failures.filter((p) => p.at < check.at).at(-1)?.at ?? impact.at;
    return {
      status: 'recovered',
      impact,
      at: check.at,
      signal: check.signal,
      resolution: bracketed(lastFailure, check.at),
      windowEnd: check.windowEnd,
    };
  }
  return { status: 'not-recovered', impact, deadline, pending: false };
}

type CandidateCheck =
  | { kind: 'valid'; at: number; signal: string; windowEnd: number }
  | { kind: 'broken' }
  /** Clean so far but some signal lacks observations: later candidates lack even more, so stop looking. */
  | { kind: 'incomplete'; at: number };

function checkCandidate(
  candidate: SignalPoint,
  signals: readonly SignalSeries[],
  failures: readonly SignalPoint[],
  /** The signals that failed after the impact: only they must be seen healthy again. */
  failed: ReadonlySet<string>,
  stableFor: number,
  roundMs: number,
): CandidateCheck {
  const t = candidate.at;
  let at = t;
  let signal = candidate.signal;
  let windowEnd = t;
  let incomplete = false;
  for (const s of signals) {
    const first = s.points[firstAtOrAfter(s.points, t)];
    if (!failed.has(s.name) || !first) continue;
    // On a tie a signal that failed marks t_r rather than one that never did; the candidate's
    // own signal stays the mark among those that failed.
    if (first.at > at || (first.at === at && !failed.has(signal))) {
      at = first.at;
      signal = s.name;
    }
  }
  for (const s of signals) {
    const last = windowLast(s, t, stableFor, roundMs);
    if (last === undefined) incomplete = true;
    else windowEnd = Math.max(windowEnd, last.at);
  }
  // A failed request or write spans its send to its timeout: the path was broken over all of it,
  // so one that overlaps the window breaks it, even when it is seen failing only after the window.
  const later = failures.slice(firstAtOrAfter(failures, t));
  if (later.length > 0 && (incomplete || later.some((f) => (f.since ?? f.at) <= windowEnd)))
    return { kind: 'broken' };
  return incomplete ? { kind: 'incomplete', at } : { kind: 'valid', at, signal, windowEnd };
}

/** The last observation of a signal's window starting at t, or undefined while it is incomplete. */
export function windowLast(
  s: SignalSeries,
  t: number,
  stableFor: number,
  roundMs: number,
): SignalPoint | undefined {
  if (s.kind === 'probe') return s.points[firstAtOrAfter(s.points, t) + stableFor - 1];
  if (s.points[firstAtOrAfter(s.points, t)] === undefined) return undefined;
  return s.points[firstAtOrAfter(s.points, t + (stableFor - 1) * roundMs)];
}

/** Index of the first point at or after `t` in a time-ordered list (its length when none). */
function firstAtOrAfter(sorted: readonly SignalPoint[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
