import { inWindows, type TimeWindow } from './series.js';
import type { Availability, LoadMeasurement } from '../../result/index.js';
import { latencyPercentiles } from './stats.js';
import { percentilesOf, type LoadTally, type Ratio } from './load-tally.js';

export type { Availability, LoadMeasurement };

/** One load request's outcome (k6 or the built-in load), at its start on the run clock. */
export interface RequestResult {
  at: number;
  ok: boolean;
  latencyMs: number;
}

export interface LoadInput {
  t0: number;
  faultWindows: readonly TimeWindow[];
  requests: readonly RequestResult[];
  /** A long drill's older requests, already counted (see `load-tally.ts`); `requests` holds the rest. */
  tally?: LoadTally;
}

export function measureLoad({ t0, faultWindows, requests, tally }: LoadInput): LoadMeasurement {
  const fault = requests.filter((r) => inWindows(r.at, faultWindows));
  const baseline = requests.filter((r) => r.at < t0 && !inWindows(r.at, faultWindows));
  if (tally) {
    return {
      requests: requests.length + tally.overall.total,
      availability: {
        fault: ratioOf(fault, tally.fault),
        overall: ratioOf(requests, tally.overall),
      },
      latency: {
        baseline: percentilesOf(
          baseline.map((r) => r.latencyMs),
          tally.baselineLatency,
        ),
        fault: percentilesOf(
          fault.map((r) => r.latencyMs),
          tally.faultLatency,
        ),
      },
    };
  }
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

function ratioOf(requests: readonly RequestResult[], folded: Ratio): Availability | null {
  const total = requests.length + folded.total;
  if (total === 0) return null;
  const ok = requests.filter((r) => r.ok).length + folded.ok;
  return { ratio: ok / total, ok, total };
}
