/** What one node held: a short form to show, and a digest of the whole (normalised) value. */
export interface NodeState {
  /** The value as read, cut short for reports ("4096", "{\"seq\":12,…"). */
  value: string;
  /** First 12 hex digits of the SHA-256 of the whole value: equal digests, equal values. */
  digest: string;
}

/** A node that could not be read in a round: its read failed, so it cannot count as agreeing. */
export interface NodeReadFailure {
  error: string;
}

export type NodeReading = NodeState | NodeReadFailure;

/**
 * The `consistency:` section's outcome for one iteration: each replica's state before the fault and
 * after recovery, and whether they converged (agree and/or unchanged) within the bound.
 */
export type ConsistencyMeasurement =
  | {
      status: 'consistent';
      /** From the first round of reads after recovery to the round that found them converged. */
      ms: number;
      /** Gap to the previous round: convergence happened at most this much earlier. */
      resolutionMs: number;
      rounds: number;
      before: Record<string, NodeReading>;
      after: Record<string, NodeReading>;
    }
  | {
      status: 'inconsistent';
      /** How long the reads went on (the `within` bound, or more when a round overran it). */
      ms: number;
      rounds: number;
      before: Record<string, NodeReading>;
      after: Record<string, NodeReading>;
      /** The nodes that differ (from the majority, or from their state before), with what they held. */
      divergent: Record<string, string>;
      reason: string;
    }
  | {
      status: 'not-measured';
      reason: string;
      before?: Record<string, NodeReading>;
    };
