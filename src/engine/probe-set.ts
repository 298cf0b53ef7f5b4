import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import { probes as probeRegistry, type ProbeType } from '../probes/registry.js';
import type { Probe, ProbeContext, ProbeFactory, ProbeRole } from '../probes/probe.js';
import type { Sample } from '../result/sample.js';
import { Folding } from './folding.js';
import { MeasureScope } from './measure-scope.js';
import { countDuring, emptyDuringTally, type DuringTally } from './measure/during-tally.js';
import { Retained } from './retained.js';
import type { SampleLog } from './sample-log.js';
import { startSampler, type Sampler } from './sampler.js';
import { SeriesThinner } from './series-thinner.js';
import type { WindowStats } from './window-stats.js';

/** A probe entry as the scenario schema produces it (templates already resolved). */
export interface ProbeConfig {
  type: string;
  name: string;
  role: ProbeRole;
  interval: number;
  timeout: number;
  expect: 'pass' | 'fail';
  [field: string]: unknown;
}

interface Deps {
  clock: Clock;
  logger: Logger;
  context: ProbeContext;
  signal: AbortSignal;
  onSample(sample: Sample): void;
  /** What the measurements still need (default: a scope that keeps what short drills have). */
  scope?: MeasureScope;
  /** The run's sample file: every sample is appended to it as it arrives. */
  log?: SampleLog;
  /** Per-window summaries for the report. */
  windows?: WindowStats;
  /** Samples kept before pruning / folding begins (tests lower it). */
  retainAbove?: number;
  foldAbove?: number;
}

/** Each steady probe's samples since the iteration began: the baseline check needs only these counts. */
interface BaselineCount {
  samples: number;
  firstFailure?: Sample;
}

/**
 * All probes of a drill, sampled continuously from the baseline until the drill ends. Every
 * sample goes to the sample file; memory keeps what the measurements read (see `MeasureScope`):
 * detect, steady and abort samples while detection and recovery are undecided plus each probe's
 * last few, `during` samples counted once old, baseline counts, per-window summaries, and a
 * bounded series for result.json.
 */
export class ProbeSet {
  private readonly instances: Probe[] = [];
  private samplers: Sampler[] = [];
  private skippedSoFar = new Map<string, number>();
  readonly scope: MeasureScope;
  private readonly retained: Retained<Sample>;
  private readonly during: Folding<Sample, Map<string, DuringTally>>;
  private readonly thinner: SeriesThinner;
  private baselines = new Map<string, BaselineCount>();
  private baselineSince = -Infinity;

  constructor(
    readonly configs: readonly ProbeConfig[],
    private readonly deps: Deps,
  ) {
    for (const config of configs) {
      // Loaded before the drill ran (loadDrillPlugins).
      const factory = probeRegistry[config.type as ProbeType].loaded() as ProbeFactory;
      this.instances.push(factory.create(config, deps.context));
    }
    this.scope = deps.scope ?? new MeasureScope(undefined);
    const tail = 8;
    this.retained = new Retained<Sample>(
      this.scope,
      (s) => s.startedAt,
      (s) => s.probe,
      tail,
      (s) => !s.ok,
      deps.retainAbove,
    );
    const expect = new Map(configs.map((c) => [c.name, c.expect]));
    this.during = new Folding<Sample, Map<string, DuringTally>>(
      this.scope,
      deps.clock,
      {
        startOf: (s) => s.startedAt,
        endOf: (s) => s.endedAt,
        empty: () => new Map(),
        count: (tallies, s, view) => {
          const tally = tallies.get(s.probe) ?? emptyDuringTally();
          tallies.set(s.probe, tally);
          countDuring(tally, s, { expect: expect.get(s.probe) ?? 'pass', ...view });
        },
      },
      deps.foldAbove,
    );
    this.thinner = new SeriesThinner(configs.length);
  }

  /** The samples kept in memory (all of a short drill's), in arrival order. */
  get samples(): Sample[] {
    return [...this.retained.all, ...this.during.kept];
  }

  /** The `during` samples of an iteration that were folded into counts, per probe. */
  duringTallies(iteration: number): ReadonlyMap<string, DuringTally> | undefined {
    return this.during.tally(iteration);
  }

  /** The series for result.json and the chart: bounded, see `SeriesThinner`. */
  series(): { samples: Sample[]; downsampled: boolean } {
    return this.thinner.series();
  }

  /** A new iteration begins at `at`: its baseline counts start, and its samples may fold. */
  beginIteration(index: number, at: number): void {
    this.scope.beginIteration(index, at);
    this.baselines = new Map();
    this.baselineSince = at;
  }

  /** A steady probe's samples since the iteration began: how many, and the first that failed. */
  baseline(probe: string): BaselineCount {
    return this.baselines.get(probe) ?? { samples: 0 };
  }

  /** Lets each probe finish its set-up (a module probe loads its code) before the first sample. */
  async ready(signal: AbortSignal): Promise<void> {
    await Promise.all(this.instances.map((p) => p.ready?.(signal)));
  }

  start(): void {
    this.samplers = this.configs.map((config, index) =>
      startSampler({
        name: config.name,
        role: config.role,
        intervalMs: config.interval,
        timeoutMs: config.timeout,
        probe: this.instances[index] as Probe,
        clock: this.deps.clock,
        signal: this.deps.signal,
        onSample: (sample) => {
          this.record(sample);
          this.deps.onSample(sample);
        },
      }),
    );
  }

  /** Takes one sample in: the file, the counts, and memory as far as the measurements need it. */
  record(sample: Sample): void {
    this.deps.log?.sample(sample);
    this.deps.windows?.sample(sample);
    this.thinner.add(sample);
    if (sample.startedAt >= this.baselineSince) {
      const count = this.baselines.get(sample.probe) ?? { samples: 0 };
      count.samples++;
      if (!sample.ok) count.firstFailure ??= sample;
      this.baselines.set(sample.probe, count);
    }
    if (sample.role === 'during') this.during.push(sample);
    else this.retained.push(sample);
  }

  /** No sample still to come is dated before this (-Infinity while not sampling: nothing is known). */
  pendingFrom(): number {
    if (this.samplers.length === 0) return -Infinity;
    return Math.min(...this.samplers.map((s) => s.pendingFrom));
  }

  /** Per probe, the ticks skipped because its previous check was still running. */
  skippedTicks(): Map<string, number> {
    return new Map(
      this.configs.map((c, i) => [c.name, this.samplers[i]?.skipped ?? this.skippedSoFar.get(c.name) ?? 0]),
    );
  }

  intervals(): Map<string, number> {
    return new Map(this.configs.map((c) => [c.name, c.interval]));
  }

  withRole(role: ProbeRole): ProbeConfig[] {
    return this.configs.filter((c) => c.role === role);
  }

  async stop(): Promise<void> {
    await Promise.all(this.samplers.map((s) => s.stop()));
    this.skippedSoFar = this.skippedTicks();
    this.samplers = [];
    await Promise.all(this.instances.map((p) => p.close?.().catch(() => undefined)));
  }
}
