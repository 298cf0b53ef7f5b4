import type { ProbeRole } from '../probes/probe.js';

/** One probe sample. Times are monotonic ms on the run's clock. */
export interface Sample {
  probe: string;
  role: ProbeRole;
  /** When the scheduler meant to take it. */
  scheduledAt: number;
  /**
   * The instant the sample describes: when the check started or, for a probe that reports an
   * observed event (`ProbeOutcome.at`, e.g. a log line's arrival), that event's time.
   */
  startedAt: number;
  endedAt: number;
  ok: boolean;
  detail?: string;
  value?: number;
  /** The previous check was still running at this tick: counted as a failure, not stacked. */
  overrun?: boolean;
}
