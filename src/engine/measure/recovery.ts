import type { Sample } from '../sample.js';
import { firstAtOrAfter, groupByProbe, probesWithRole, samplesOf, type ProbeInfo } from './series.js';

export const DEFAULT_STABLE_FOR = 3;

/** The first failing `steady` sample at or after t0, or none: the fault had no visible impact. */
export type Impact = { status: 'impact'; at: number; probe: string; detail?: string } | { status: 'none' };

export interface RecoveryInput {
  t0: number;
  samples: readonly Sample[];
  probes: readonly ProbeInfo[];
  /** Consecutive passing rounds that prove recovery (default 3). */
  stableFor?: number;
  /** The recover deadline is t0 + this. */
  recoverTimeoutMs: number;
}

export type Recovery =
  | { status: 'not-measured'; reason: string }
  | { status: 'no-impact'; impact: Impact }
  | {
      status: 'recovered';
      impact: Impact;
      /** t_r: the start of the stable window. */
      at: number;
      /** The steady probe whose sample marks t_r; its interval is the resolution. */
      probe: string;
      resolutionMs: number;
      /** The last sample of the window that proved it. */
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

/**
 * The instant after which more samples cannot change `findRecovery`'s answer: a window that starts
 * by the deadline has then had its `stableFor` rounds from every steady probe (one interval of
 * slack for late ticks) and their checks have ended. Wait until then at most, even while `pending`.
 */
export function recoveryHorizon(input: Omit<RecoveryInput, 'samples'>): number {
  const steady = probesWithRole(input.probes, 'steady');
  const stableFor = Math.max(1, Math.floor(input.stableFor ?? DEFAULT_STABLE_FOR));
  const interval = Math.max(0, ...steady.map((p) => p.interval));
  const timeout = Math.max(0, ...steady.map((p) => p.timeout ?? 0));
  return input.t0 + input.recoverTimeoutMs + stableFor * interval + timeout;
}

export function findImpact(t0: number, samples: readonly Sample[], probes: readonly ProbeInfo[]): Impact {
  const hit = samplesOf(samples, probesWithRole(probes, 'steady')).find((s) => s.startedAt >= t0 && !s.ok);
  if (!hit) return { status: 'none' };
  return {
    status: 'impact',
    at: hit.startedAt,
    probe: hit.probe,
    ...(hit.detail ? { detail: hit.detail } : {}),
  };
}

/**
 * Finds t_r, the first instant after the impact from which every steady probe passes
 * continuously for `stableFor` rounds; the window proves recovery and t_r is its start.
 *
 * With several steady probes sampled at different intervals the rule is: a candidate t is the
 * time of a passing steady sample at or after the impact. For each steady probe p, its first
 * `stableFor` samples at or after t must exist; no steady sample of any probe may fail from t
 * to the last of those windows ("continuously"). The recovery instant for t is the latest, over
 * the probes, of p's first sample at or after t: a probe is only known healthy once it has been
 * seen passing after t. t_r is that instant for the earliest valid candidate; it must be at or
 * before the deadline (t0 + recoverTimeoutMs), while its window may complete after it.
 */
export function findRecovery(input: RecoveryInput): Recovery {
  const { t0, samples, probes } = input;
  const steady = probesWithRole(probes, 'steady');
  if (steady.length === 0) return { status: 'not-measured', reason: 'the scenario has no steady probe' };
  const impact = findImpact(t0, samples, steady);
  if (impact.status === 'none') return { status: 'no-impact', impact };
  const stableFor = Math.max(1, Math.floor(input.stableFor ?? DEFAULT_STABLE_FOR));
  const deadline = t0 + input.recoverTimeoutMs;
  const groups = groupByProbe(
    samples.filter((s) => s.startedAt >= impact.at),
    steady,
  );
  const merged = [...groups.values()].flat().sort((a, b) => a.startedAt - b.startedAt);
  const failures = merged.filter((s) => !s.ok);
  const interval = new Map(steady.map((p) => [p.name, p.interval]));
  let previous = Number.NaN;
  for (const candidate of merged) {
    if (!candidate.ok || candidate.startedAt === previous) continue;
    previous = candidate.startedAt;
    // r(t) only grows with t, so no later candidate can recover before the deadline.
    if (candidate.startedAt > deadline) break;
    const check = checkCandidate(candidate, groups, failures, stableFor);
    if (check.kind === 'broken') continue;
    if (check.at > deadline) break;
    if (check.kind === 'incomplete') return { status: 'not-recovered', impact, deadline, pending: true };
    const resolutionMs = interval.get(check.probe)!;
    return {
      status: 'recovered',
      impact,
      at: check.at,
      probe: check.probe,
      resolutionMs,
      windowEnd: check.windowEnd,
    };
  }
  return { status: 'not-recovered', impact, deadline, pending: false };
}

type CandidateCheck =
  | { kind: 'valid'; at: number; probe: string; windowEnd: number }
  | { kind: 'broken' }
  /** Clean so far but some probe lacks samples: later candidates lack even more, so stop looking. */
  | { kind: 'incomplete'; at: number };

function checkCandidate(
  candidate: Sample,
  groups: ReadonlyMap<string, readonly Sample[]>,
  failures: readonly Sample[],
  stableFor: number,
): CandidateCheck {
  const t = candidate.startedAt;
  let at = t;
  let probe = candidate.probe;
  let windowEnd = t;
  let incomplete = false;
  for (const [name, list] of groups) {
    const i = firstAtOrAfter(list, t);
    // Strict: on a tie the candidate's own probe stays the one that marks t_r.
    if (i < list.length && list[i]!.startedAt > at) {
      at = list[i]!.startedAt;
      probe = name;
    }
    if (i + stableFor > list.length) incomplete = true;
    else windowEnd = Math.max(windowEnd, list[i + stableFor - 1]!.startedAt);
  }
  const nextFail = failures[firstAtOrAfter(failures, t)]?.startedAt;
  if (nextFail !== undefined && (incomplete || nextFail <= windowEnd)) return { kind: 'broken' };
  return incomplete ? { kind: 'incomplete', at } : { kind: 'valid', at, probe, windowEnd };
}
