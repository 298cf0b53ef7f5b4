import { z } from 'zod';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { UndoStep } from '../engine/undo.js';
import type { StartedLinks } from '../links/started-links.js';
import type { StartedTarget } from '../targets/target.js';
import { longDuration, longPositiveDuration } from '../common/duration.js';

/** Fields every fault shares; each injector extends this with a literal `type` and its own fields. */
export const faultBase = z.strictObject({
  name: z.string().optional().meta({ description: 'Label in reports; defaults to the fault type and node.' }),
  at: longDuration.optional().meta({
    description: 'Offset after the baseline at which the fault is injected (default 0s; 0s to 720h).',
  }),
  duration: longPositiveDuration.optional().meta({
    description:
      'Reverted automatically after this long (1ms to 720h); omitted: left in place until the drill ends.',
  }),
  after: z
    .string()
    .optional()
    .meta({ description: 'Inject once the named fault has been reverted (sequences).' }),
});

export interface FaultContext {
  runId: string;
  target: StartedTarget;
  clock: Clock;
  logger: Logger;
  signal: AbortSignal;
  /** Deterministic random numbers from the run's seed. */
  random: () => number;
  baseDir: string;
  /** The drill's links (Toxiproxy), when it declares any. */
  links?: StartedLinks;
}

/**
 * The span, in run-clock ms, in which a fault's effect became true: `from` is the last instant it
 * surely was not yet true (the signal about to be sent, the last rule about to go in), `to` the
 * first instant it was confirmed. t0 is `from`; `to - from` is t0's uncertainty.
 */
export interface EffectWindow {
  from: number;
  to: number;
}

/** What a fault did, once verified. */
export interface FaultEffect {
  /** One line for the timeline: "killed web (pid 4242)". */
  summary: string;
  details?: Record<string, unknown>;
  /**
   * Where the injector knows better than the engine when its effect became true. Omitted: the
   * engine takes the whole `inject` call (from its start to its return).
   */
  window?: EffectWindow;
}

/** One fault of the timeline, able to say how it will be undone before it changes anything. */
export interface Fault {
  /**
   * The undo steps for this fault, computed before anything changes: the engine writes them to
   * the state file first, then calls `inject`.
   */
  prepare(context: FaultContext): Promise<UndoStep[]>;
  /**
   * Applies the fault and resolves once its effect is verified; throws FaultNoEffectError
   * otherwise. Slow set-up (helper containers, picking a node) belongs in `prepare`, which runs
   * before the fault's window opens: `inject` should do only what makes the effect true.
   */
  inject(context: FaultContext): Promise<FaultEffect>;
  /** Frees what `prepare` set up for `inject` alone (helper containers); called after `inject`, always. */
  release?(): Promise<void>;
}

export interface InjectorFactory<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  /** One line for `firedrill plan`. */
  describe(config: z.output<S>): string;
  create(config: z.output<S>): Fault;
}

/** Convenience for injector files: ties a schema to its factory with full typing. */
export function defineInjector<S extends z.ZodType>(factory: InjectorFactory<S>): InjectorFactory<S> {
  return factory;
}
