import type { ConsistencyMeasurement } from './consistency.js';
import type { ObjectiveRow } from './objective-row.js';
import type { Resolution, TimeMeasurement } from './time-measurement.js';

/**
 * The first failure at or after t0 of any steady signal (a steady probe by its name, `load`,
 * `ledger`), or none: the fault had no visible impact.
 */
export type Impact =
  | { status: 'impact'; at: number; signal: string; detail?: string; resolution: Resolution }
  | { status: 'none' };

export interface DataMeasurement {
  attempted: number;
  acknowledged: number;
  lostWrites: number;
  lostIds: (string | number)[];
  recovered: number;
  /** RPO window: t0 minus the ack time of the oldest lost write; 0 when none are lost. */
  rpo: TimeMeasurement;
}

/** Successful fraction of some requests. */
export interface Availability {
  ratio: number;
  ok: number;
  total: number;
}

export interface LatencyPercentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
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

/** Everything a drill measured; times are ms since t0 (`at` fields are run-clock instants). */
export interface Measurements {
  t0: number;
  /** The steady signals that judged impact and recovery: steady probe names, `load`, `ledger`. */
  signals: string[];
  impact: Impact;
  /** TTD. */
  detect: TimeMeasurement;
  /** TTR = t_r − t0 (0 without impact); `signal` names the one that recovered last. */
  recover: TimeMeasurement;
  /** t_r − t_d; negative when the system recovered before it signalled detection. */
  recoveryAfterDetection: TimeMeasurement;
  /** Total = TTR. */
  total: TimeMeasurement;
  /** False only when steady state did not come back before the deadline: the drill fails. */
  recovered: boolean;
  /** The run was interrupted this many ms after t0: what it had not decided by then is not measured. */
  abortedAtMs?: number;
  during: ObjectiveRow[];
  data?: DataMeasurement;
  /** Why `data` is missing although the drill has a ledger. */
  dataUnavailable?: string;
  load?: LoadMeasurement;
  /** The `consistency:` section: the replicas' state before the fault and after recovery. */
  consistency?: ConsistencyMeasurement;
  /** The soak objectives' per-window figures (`objectives.soak`), when the drill has them. */
  soak?: SoakMeasurement;
}

/** One window of a soak: [from, to) in ms after t0, and how many of its observations held. */
export interface SoakWindow {
  from: number;
  to: number;
  ok: number;
  total: number;
}

/**
 * A fault held for hours, judged per window of `perMs` from t0 as well as over the whole fault:
 * the load's availability and each `during` probe's fraction meeting its expectation, window by
 * window (windows without any observation in a fault are left out).
 */
export interface SoakMeasurement {
  perMs: number;
  availability?: SoakWindow[];
  during: Array<{ probe: string; windows: SoakWindow[] }>;
}

/** How a measurement spread over repeated runs (`repeat: N`): never only a mean. */
export interface Distribution {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
}

/**
 * One measurement over the runs of `repeat: N`. Runs that did not detect or recover in time are
 * counted in `exceeded`, not folded into the distribution, so they can never make it look better.
 */
export interface RepeatedMeasurement {
  runs: number;
  /** Over the runs that measured a value; null when none did. */
  measured: Distribution | null;
  /** Runs where the value exceeded its timeout (not detected, not recovered). */
  exceeded: number;
  /** Runs where nothing could measure it. */
  notMeasured: number;
}

export interface RepeatSummary {
  runs: number;
  detect: RepeatedMeasurement;
  recover: RepeatedMeasurement;
  recoveryAfterDetection: RepeatedMeasurement;
  total: RepeatedMeasurement;
  rpo: RepeatedMeasurement;
  lostWrites: RepeatedMeasurement;
  availability: RepeatedMeasurement;
  latencyP99: RepeatedMeasurement;
}
