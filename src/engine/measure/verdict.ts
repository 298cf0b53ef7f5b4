import type { ObjectiveRow, Verdict } from '../../result/index.js';

export type { Verdict };

export interface VerdictInput {
  rows: readonly ObjectiveRow[];
  /** False when steady state never came back before the recover deadline. */
  recovered: boolean;
  /** Set by the engine: the steady state did not hold before the fault, or an abort probe tripped. */
  abortedReason?: string;
  /** Set by the engine: firedrill itself could not run the drill. */
  error?: string;
}

export interface VerdictDecision {
  verdict: Verdict;
  /** Why, one line each; empty when passed. */
  reasons: string[];
}

/**
 * passed: every objective passed. failed: any objective failed or was not measured, or recovery
 * never came (even without a `recover` objective). error and aborted come from the engine and
 * win over the objectives, error first: a drill that could not run measured nothing reliable.
 */
export function decideVerdict(input: VerdictInput): VerdictDecision {
  if (input.error !== undefined) return { verdict: 'error', reasons: [input.error] };
  if (input.abortedReason !== undefined) return { verdict: 'aborted', reasons: [input.abortedReason] };
  const reasons: string[] = [];
  if (!input.recovered) reasons.push('the steady state did not recover before the recover timeout');
  for (const row of input.rows) {
    if (row.status === 'passed') continue;
    const what = row.status === 'failed' ? 'failed' : 'was not measured';
    reasons.push(`${row.objective} ${what}${row.reason ? `: ${row.reason}` : ''}`);
  }
  return { verdict: reasons.length === 0 ? 'passed' : 'failed', reasons };
}
