import { inWindows, type TimeWindow } from './series.js';
import { latencyPercentiles, type LatencyPercentiles } from './stats.js';

/** One load request's outcome (k6 or the built-in load), at its start on the run clock. */
export interface RequestResult {
  at: number;
  ok: boolean;
  latencyMs: number;
}

/** Successful fraction of some requests. */
export interface Availability {
  ratio: number;
  ok: number;
  total: number;
}

export interface LoadMeasurement {
  requests: number;
  availability: {
    /** While a fault was active; null when no request fell in a fault window. */
    fault: Availability | null;
    /** Over the whole drill. */
    overall: Availability | null;
  };
  /**
   * Latency of all requests, failed ones included (as k6's http_req_duration): baseline is
   * before t0 outside fault windows, fault is inside them.
   */
  latency: { baseline: LatencyPercentiles | null; fault: LatencyPercentiles | null };
}

export interface LoadInput {
  t0: number;
  faultWindows: readonly TimeWindow[];
  requests: readonly RequestResult[];
}

export function measureLoad({ t0, faultWindows, requests }: LoadInput): LoadMeasurement {
  const fault = requests.filter((r) => inWindows(r.at, faultWindows));
  const baseline = requests.filter((r) => r.at < t0 && !inWindows(r.at, faultWindows));
  return {
    requests: requests.length,
    availability: { fault: availability(fault), overall: availability(requests) },
    latency: {
      baseline: latencyPercentiles(baseline.map((r) => r.latencyMs)),
      fault: latencyPercentiles(fault.map((r) => r.latencyMs)),
    },
  };
}

function availability(requests: readonly RequestResult[]): Availability | null {
  if (requests.length === 0) return null;
  const ok = requests.filter((r) => r.ok).length;
  return { ratio: ok / requests.length, ok, total: requests.length };
}
