import { hostname } from 'node:os';
import type { Clock } from '../common/clock.js';
import type { JournalEvent } from './journal.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { EffectWindow } from '../injectors/injector.js';
import type { FaultRecord } from './fault-timeline.js';
import type { SettleOutcome } from './settle.js';
import { decideVerdict } from './measure/index.js';
import type { DrillIteration } from './iteration.js';
import { measureIteration, repeatSummary, worstRows } from './iteration-results.js';
import type { ProbeConfig } from './probe-set.js';
import type { TrafficOutcome } from './drill-traffic.js';
import type { DrillResult, IterationResult, Sample, Verdict } from '../result/index.js';
import type { PlannedFault } from './timeline-plan.js';
import type { RevertOutcome } from './undo-stack.js';
import { displayRow } from './row-display.js';
import { downsample, maxSamplesInResult } from './downsample.js';
import type { DuringTally } from './measure/during-tally.js';
import type { WindowSummaries } from '../result/window-summary.js';
import { SAMPLE_FILE } from '../result/sample-file.js';
import { redactSecrets } from './redact.js';
import { firedrillVersion } from '../common/version.js';
import { objectiveTargets } from './consistency/open-state-reads.js';

export type { DrillResult, Verdict };

/** How the run ended, before the objectives are judged; `at`: when it was interrupted. */
export type RunEnding =
  | { kind: 'completed' }
  | { kind: 'aborted'; reason: string; at?: number }
  | { kind: 'error'; reason: string; hint?: string | undefined; at?: number };

export interface ResultInput {
  runId: string;
  loaded: LoadedScenario;
  clock: Clock;
  seed: number;
  ending: RunEnding;
  samples: readonly Sample[];
  probes: readonly ProbeConfig[];
  iterations: readonly DrillIteration[];
  plan: readonly PlannedFault[];
  reverts: RevertOutcome[];
  events: JournalEvent[];
  /** The drill's load and ledger, when it has them. */
  traffic?: TrafficOutcome;
  /** Ticks each probe skipped because its previous check was still running. */
  skippedTicks?: ReadonlyMap<string, number>;
  /** A long drill's `during` samples folded into counts, per iteration. */
  duringTallies?: (iteration: number) => ReadonlyMap<string, DuringTally> | undefined;
  /** The series for result.json, already bounded (default: `downsample(samples)`). */
  series?: { samples: Sample[]; downsampled: boolean };
  /** Per-window summaries of every probe, the load and the ledger. */
  windows?: WindowSummaries;
  /** The run wrote its full series to the sample file. */
  sampleFile?: boolean;
}

export function buildResult(input: ResultInput): DrillResult {
  const { drill } = input.loaded;
  const now = input.clock.now();
  const stoppedAt = input.ending.kind === 'completed' ? undefined : input.ending.at;
  const last = input.iterations.length - 1;
  const iterations = input.iterations.map((iteration, index) =>
    measureIteration(iteration, {
      samples: input.samples,
      probes: input.probes,
      stableFor: drill.stable_for,
      recoverTimeoutMs: drill.timeouts.recover,
      objectives: objectiveTargets(drill.objectives, drill.consistency),
      now,
      ...(drill.recovery && { signals: drill.recovery.signals }),
      ...(index === last && stoppedAt !== undefined && { stoppedAt }),
      ...(input.duringTallies && { duringTallies: input.duringTallies }),
      ...(drill.objectives.soak && { soak: drill.objectives.soak }),
      ...(input.traffic && {
        traffic: input.traffic,
        first: index === 0,
        last: index === input.iterations.length - 1,
      }),
    }),
  );
  const first = iterations[0];
  const measured = iterations.filter((it) => it.measurements);
  const rows = worstRows(iterations);
  const decision = decideVerdict({
    rows,
    recovered: measured.length > 0 && measured.every((it) => it.measurements?.recovered),
    ...(input.ending.kind === 'aborted' && { abortedReason: input.ending.reason }),
    ...(input.ending.kind === 'error' && { error: input.ending.reason }),
    ...(input.ending.kind === 'completed' && measured.length === 0 && { error: 'no fault took effect' }),
  });
  const { samples, downsampled } = input.series ?? downsample(input.samples);
  const repeat = repeatSummary(iterations);
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
    endedAt: input.clock.wallTime(now).toISOString(),
    verdict: decision.verdict,
    ...(decision.reasons[0] !== undefined && { reason: decision.reasons[0] }),
    reasons: decision.reasons,
    ...(input.ending.kind === 'error' && input.ending.hint && { hint: input.ending.hint }),
    ...(stoppedAt !== undefined && { interruptedAt: stoppedAt }),
    probes: input.probes.map(({ name, type, role, interval, timeout, expect }) => ({
      name,
      type,
      role,
      interval,
      timeout,
      expect,
      skippedTicks: input.skippedTicks?.get(name) ?? 0,
    })),
    timeline: {
      ...(first?.t0 !== undefined && { t0: first.t0 }),
      ...t0Fields(first?.faults ?? [], first?.t0),
      faults: input.plan.map((planned) => ({
        ...(first?.faults.find((f) => f.id === planned.id) ?? {
          id: planned.id,
          type: planned.type,
          description: planned.description,
        }),
        plannedAtMs: planned.atMs,
        ...(planned.durationMs !== undefined && { durationMs: planned.durationMs }),
      })),
    },
    ...(first?.measurements && { measurements: first.measurements }),
    ...(iterations.length > 1 && { iterations: withSettle(iterations, input.iterations) }),
    ...(repeat && { repeat }),
    ...(input.traffic?.load && { load: input.traffic.load }),
    ...(input.traffic?.integrity && { integrity: input.traffic.integrity }),
    objectives: rows.map((row) => ({ ...row, display: displayRow(row) })),
    samples,
    samplesDownsampled: downsampled,
    samplesLimit: maxSamplesInResult,
    ...(input.sampleFile && { sampleFile: SAMPLE_FILE }),
    ...(input.windows && { windows: input.windows }),
    reverts: input.reverts,
    events: input.events,
  };
}

/** t0's window and uncertainty (W2, issue 10 item 4): from the fault whose effect set t0. */
function t0Fields(
  faults: readonly FaultRecord[],
  t0: number | undefined,
): { t0Window?: EffectWindow; t0UncertaintyMs?: number } {
  const window = faults.find((f) => f.effectWindow && f.effectWindow.from === t0)?.effectWindow;
  return window ? { t0Window: window, t0UncertaintyMs: window.to - window.from } : {};
}

/** With `repeat`: whether the system was whole again after each iteration (W2, issue 10 item 7). */
function withSettle(
  results: readonly IterationResult[],
  iterations: readonly DrillIteration[],
): Array<IterationResult & { settle?: SettleOutcome }> {
  return results.map((result, i) => {
    const settle = iterations[i]?.settle;
    return settle ? { ...result, settle } : result;
  });
}
