import { stableRounds } from './recovery.js';

export interface HorizonInput {
  t0: number;
  recoverTimeoutMs: number;
  stableFor?: number;
  /** The steady probes among the signals (their interval and timeout). */
  probes: ReadonlyArray<{ interval: number; timeout?: number }>;
  /** Rate signals present: their round, and how long one request or write may take to settle. */
  rate?: { roundMs: number; settleMs: number };
}

/**
 * The instant after which more observations cannot change `findRecovery`'s answer: a window that
 * starts by the deadline has then had its `stableFor` rounds from every signal (one round of
 * slack for late ticks) and their checks, requests and writes have settled. Wait until then at
 * most, even while `pending`.
 */
export function recoveryHorizon(input: HorizonInput): number {
  const stableFor = stableRounds(input.stableFor);
  const round = Math.max(0, ...input.probes.map((p) => p.interval), input.rate?.roundMs ?? 0);
  const settle = Math.max(0, ...input.probes.map((p) => p.timeout ?? 0), input.rate?.settleMs ?? 0);
  return input.t0 + input.recoverTimeoutMs + stableFor * round + settle;
}
