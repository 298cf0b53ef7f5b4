import type { WindowSummaries } from './window-summary.js';
import type { JournalEvent } from '../engine/journal.js';
import type { FaultRecord } from '../engine/fault-timeline.js';
import type { SettleOutcome } from '../engine/settle.js';
import type { EffectWindow } from '../injectors/injector.js';
import type { RevertOutcome } from '../engine/undo-stack.js';
import type { LoadReport } from '../load/load-run.js';
import type { LedgerReport } from '../integrity/integrity-ledger.js';
import type { ProbeRole } from '../probes/probe.js';
import type { Measurements, RepeatSummary } from './measurements.js';
import type { ObjectiveRow } from './objective-row.js';
import type { Sample } from './sample.js';

export type Verdict = 'passed' | 'failed' | 'aborted' | 'error';

/** The words every report shows for a row: `<= 5.00s` and `1.23s ± 100ms`, `> 60.0s`, `not measured`. */
export interface RowDisplay {
  target: string;
  measured: string;
}

/** A declared probe as result.json lists it. */
export interface ProbeSummary {
  name: string;
  type: string;
  role: ProbeRole;
  interval: number;
  timeout: number;
  expect: 'pass' | 'fail';
  /** Ticks that found the previous check still running: skipped, neither a pass nor a failure. */
  skippedTicks: number;
}

/** One pass of baseline → faults → recovery, measured on its own samples. */
export interface IterationResult {
  index: number;
  startedAt: number;
  endedAt: number;
  t0?: number;
  faults: FaultRecord[];
  measurements?: Measurements;
  objectives: ObjectiveRow[];
}

/** `result.json`: everything a report needs, documented in docs/reports.md (firedrill.result/v1). */
export interface DrillResult {
  schema: 'firedrill.result/v1';
  runId: string;
  scenario: {
    name: string;
    file: string;
    description?: string;
    tags: string[];
    tier?: string;
    config: unknown;
  };
  environment: { firedrill: string; node: string; platform: string; host: string; seed: number };
  /** Wall time of the run clock's origin: every `t`/`at` in this file is ms after it. */
  clockOrigin: string;
  startedAt: string;
  endedAt: string;
  verdict: Verdict;
  /** Why the verdict is not `passed` (first reason), and all reasons. */
  reason?: string;
  reasons: string[];
  hint?: string;
  /** The run was interrupted (signal, abort probe, drill timeout) at this run-clock instant. */
  interruptedAt?: number;
  probes: ProbeSummary[];
  /** The first iteration's timeline (with `repeat: N`, every iteration's is under `iterations`). */
  timeline: {
    t0?: number;
    /** The span in which the first fault's effect became true: t0 is `from`; see `t0UncertaintyMs`. */
    t0Window?: EffectWindow;
    /** `t0Window.to - t0Window.from`: figures measured from t0 may overstate by up to this. */
    t0UncertaintyMs?: number;
    faults: Array<FaultRecord & { plannedAtMs: number; durationMs?: number }>;
  };
  /** The first iteration's measurements. */
  measurements?: Measurements;
  /** `repeat: N` > 1: each iteration, and each measurement as a distribution over them. */
  iterations?: Array<IterationResult & { settle?: SettleOutcome }>;
  repeat?: RepeatSummary;
  /** The load: which generator ran (k6 or built-in, and why), request count, k6's exit code. */
  load?: LoadReport;
  /** The RPO ledger: attempted, acknowledged, lost (ids), recovered, read-back. */
  integrity?: LedgerReport;
  objectives: Array<ObjectiveRow & { display: RowDisplay }>;
  /** Probe samples (downsampled for long drills: see `samplesDownsampled`). */
  samples: Sample[];
  samplesDownsampled: boolean;
  /** At most this many samples are kept here, however long the drill (`samples`). */
  samplesLimit?: number;
  /** The run directory's file with the full series (every sample, request, write): `samples.ndjson`. */
  sampleFile?: string;
  /** Per-window summaries of every probe, the load and the ledger (by the hour). */
  windows?: WindowSummaries;
  reverts: RevertOutcome[];
  events: JournalEvent[];
}
