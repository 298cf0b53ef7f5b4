import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import { probes as probeRegistry, type ProbeType } from '../probes/registry.js';
import type { Probe, ProbeContext, ProbeFactory, ProbeRole } from '../probes/probe.js';
import type { Sample } from '../result/sample.js';
import { startSampler, type Sampler } from './sampler.js';

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
}

/** All probes of a drill, sampled continuously from the baseline until the drill ends. */
export class ProbeSet {
  readonly samples: Sample[] = [];
  private readonly instances: Probe[] = [];
  private samplers: Sampler[] = [];
  private skippedSoFar = new Map<string, number>();

  constructor(
    readonly configs: readonly ProbeConfig[],
    private readonly deps: Deps,
  ) {
    for (const config of configs) {
      // Loaded before the drill ran (loadDrillPlugins).
      const factory = probeRegistry[config.type as ProbeType].loaded() as ProbeFactory;
      this.instances.push(factory.create(config, deps.context));
    }
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
          this.samples.push(sample);
          this.deps.onSample(sample);
        },
      }),
    );
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
