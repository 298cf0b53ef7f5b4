import { z } from 'zod';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { StartedTarget } from '../targets/target.js';
import { intervalDuration, timeoutDuration } from '../common/duration.js';

export const probeRoles = ['steady', 'detect', 'during', 'abort'] as const;
export type ProbeRole = (typeof probeRoles)[number];

/** Fields every probe shares; each probe kind extends this with a literal `type` and its own fields. */
export const probeBase = z.strictObject({
  name: z.string().min(1).meta({ description: 'Unique probe name, used in reports.' }),
  role: z.enum(probeRoles).meta({ description: 'steady | detect | during | abort' }),
  interval: intervalDuration
    .default(500)
    .meta({ description: 'Time between samples (default 500ms; 10ms to 1h).' }),
  timeout: timeoutDuration
    .default(1000)
    .meta({ description: 'A sample that takes longer fails (default 1s; 1ms to 24h).' }),
  expect: z
    .enum(['pass', 'fail'])
    .default('pass')
    .meta({ description: 'For `during` probes: must the check pass or fail while a fault is active.' }),
});

export interface ProbeOutcome {
  ok: boolean;
  /** Why it failed, or what it saw ("HTTP 503", "connect ECONNREFUSED"). */
  detail?: string;
  /** A measured value, e.g. response latency in ms. */
  value?: number;
  /**
   * The instant (run clock) the outcome describes, when the probe knows it better than "when the
   * check ran": a streamed probe (log) reports when the matching line arrived, so detection is
   * timed at the event, not at the next grid tick. Must not be later than the check; the sampler
   * records it as the sample's `startedAt`.
   */
  at?: number;
}

export interface ProbeContext {
  target: StartedTarget;
  clock: Clock;
  logger: Logger;
  baseDir: string;
}

/** A check sampled on an interval. */
export interface Probe {
  /** Set-up that must not count against the first sample (a module probe imports its code); before sampling. */
  ready?(signal: AbortSignal): Promise<void>;
  check(signal: AbortSignal): Promise<ProbeOutcome>;
  /** Releases streams or connections (log followers, clients). */
  close?(): Promise<void>;
}

export interface ProbeFactory<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  create(config: z.output<S>, context: ProbeContext): Probe;
}

export function defineProbe<S extends z.ZodType>(factory: ProbeFactory<S>): ProbeFactory<S> {
  return factory;
}
