import { hostname } from 'node:os';
import type { Clock } from '../common/clock.js';
import type { JournalEvent } from './journal.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { FaultTimeline, FaultRecord } from './fault-timeline.js';
import {
  decideVerdict,
  evaluateObjectives,
  measure,
  type Measurements,
  type ObjectiveRow,
  type Verdict,
} from './measure/index.js';
import type { ProbeConfig } from './probe-set.js';
import type { Sample } from './sample.js';
import type { PlannedFault } from './timeline-plan.js';
import type { RevertOutcome } from './undo-stack.js';
import { displayRow, type RowDisplay } from './row-display.js';
import { downsample } from './downsample.js';
import { redactSecrets } from './redact.js';
import { firedrillVersion } from '../common/version.js';

export type { Verdict };

/** How the run ended, before the objectives are judged. */
export type RunEnding =
  | { kind: 'completed' }
  | { kind: 'aborted'; reason: string }
  | { kind: 'error'; reason: string; hint?: string | undefined };

/** `result.json`: everything a report needs, documented in the README (firedrill.result/v1). */
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
  probes: Array<Pick<ProbeConfig, 'name' | 'type' | 'role' | 'interval' | 'timeout' | 'expect'>>;
  timeline: { t0?: number; faults: Array<FaultRecord & { plannedAtMs: number; durationMs?: number }> };
  measurements?: Measurements;
  objectives: Array<ObjectiveRow & { display: RowDisplay }>;
  /** Probe samples (downsampled for long drills: see `samplesDownsampled`). */
  samples: Sample[];
  samplesDownsampled: boolean;
  reverts: RevertOutcome[];
  events: JournalEvent[];
}

export interface ResultInput {
  runId: string;
  loaded: LoadedScenario;
  clock: Clock;
  seed: number;
  ending: RunEnding;
  samples: readonly Sample[];
  probes: readonly ProbeConfig[];
  timeline: FaultTimeline | undefined;
  plan: readonly PlannedFault[];
  reverts: RevertOutcome[];
  events: JournalEvent[];
}

export function buildResult(input: ResultInput): DrillResult {
  const { drill } = input.loaded;
  const t0 = input.timeline?.firstEffectAt();
  const measurements = t0 === undefined ? undefined : measureRun(input, t0);
  const rows = measurements ? evaluateObjectives(drill.objectives, measurements) : [];
  const decision = decideVerdict({
    rows,
    recovered: measurements?.recovered ?? false,
    ...(input.ending.kind === 'aborted' && { abortedReason: input.ending.reason }),
    ...(input.ending.kind === 'error' && { error: input.ending.reason }),
    ...(input.ending.kind === 'completed' && !measurements && { error: 'no fault took effect' }),
  });
  const { samples, downsampled } = downsample(input.samples);
  return {
    schema: 'firedrill.result/v1',
    runId: input.runId,
    scenario: {
      name: drill.name,
      file: input.loaded.file,
      ...(drill.description !== undefined && { description: drill.description }),
      tags: drill.tags ?? [],
      ...(drill.tier !== undefined && { tier: drill.tier }),
      config: redactSecrets(drill),
    },
    environment: {
      firedrill: firedrillVersion(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      host: hostname(),
      seed: input.seed,
    },
    clockOrigin: input.clock.wallTime(0).toISOString(),
    startedAt: input.clock.wallTime(0).toISOString(),
    endedAt: input.clock.wallTime(input.clock.now()).toISOString(),
    verdict: decision.verdict,
    ...(decision.reasons[0] !== undefined && { reason: decision.reasons[0] }),
    reasons: decision.reasons,
    ...(input.ending.kind === 'error' && input.ending.hint && { hint: input.ending.hint }),
    probes: input.probes.map(({ name, type, role, interval, timeout, expect }) => ({
      name,
      type,
      role,
      interval,
      timeout,
      expect,
    })),
    timeline: {
      ...(t0 !== undefined && { t0 }),
      faults: input.plan.map((planned) => ({
        ...(input.timeline?.records.get(planned.id) ?? {
          id: planned.id,
          type: planned.type,
          description: planned.description,
        }),
        plannedAtMs: planned.atMs,
        ...(planned.durationMs !== undefined && { durationMs: planned.durationMs }),
      })),
    },
    ...(measurements && { measurements }),
    objectives: rows.map((row) => ({ ...row, display: displayRow(row) })),
    samples,
    samplesDownsampled: downsampled,
    reverts: input.reverts,
    events: input.events,
  };
}

function measureRun(input: ResultInput, t0: number): Measurements {
  const end = input.clock.now();
  return measure({
    t0,
    samples: input.samples,
    probes: input.probes,
    stableFor: input.loaded.drill.stable_for,
    recoverTimeoutMs: input.loaded.drill.timeouts.recover,
    faultWindows: (input.timeline?.activeWindows() ?? []).map((w) => ({ start: w.start, end: w.end ?? end })),
  });
}
