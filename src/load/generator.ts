import type { RequestResult } from '../engine/measure/index.js';

/** The HTTP request a generated load makes at each arrival. */
export interface HttpLoadSpec {
  url: URL;
  method: string;
  headers?: Record<string, string> | undefined;
  body?: string | undefined;
  timeoutMs: number;
  /** Arrivals per second. */
  ratePerSecond: number;
  maxInFlight: number;
}

/** What a load generator produced, once stopped. */
export interface GeneratorOutput {
  requests: RequestResult[];
  /** Arrivals not sent because `max_in_flight` requests were open (k6: dropped_iterations). */
  dropped: number;
}

export interface RunningGenerator {
  /** The requests that have ended so far (the recovery watch reads them while the load runs). */
  results(): RequestResult[];
  /**
   * Hands over the requests ended since the last call and forgets them, so that a long drill's
   * generator holds no series (the engine streams them to the sample file and counts them).
   * `results` and `stop` then no longer include what was drained.
   */
  drain(): RequestResult[];
  /** Stops sending, waits (bounded) for the requests in flight, and returns every result. */
  stop(): Promise<GeneratorOutput>;
}

/** A successful HTTP status for load, as k6's default expected_response: 200-399. */
export function loadStatusOk(status: number): boolean {
  return status >= 200 && status < 400;
}
