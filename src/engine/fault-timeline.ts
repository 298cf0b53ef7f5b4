import type { Clock } from '../common/clock.js';
import { injectors, type FaultType } from '../injectors/registry.js';
import type {
  EffectWindow,
  Fault,
  FaultContext,
  FaultEffect,
  InjectorFactory,
} from '../injectors/injector.js';
import type { Journal } from './journal.js';
import type { PlannedFault } from './timeline-plan.js';
import type { RevertOutcome, UndoStack } from './undo-stack.js';

/** What happened to one fault, in run-clock ms. */
export interface FaultRecord {
  id: string;
  type: string;
  description: string;
  /** When the fault was prepared (its node picked, helpers started, undo computed). */
  preparedAt?: number;
  /** When its injection began: after `prepare`, so slow set-up stays outside the fault window. */
  startedAt?: number;
  /** This fault's t0: the start of `effectWindow`, the last instant its effect surely was not true. */
  effectAt?: number;
  /** The span in which its effect became true (the injector's own, or the whole `inject` call). */
  effectWindow?: EffectWindow;
  /** When its revert began: the end of its active window. */
  revertStartedAt?: number;
  /** When its revert was done. */
  revertedAt?: number;
  summary?: string;
  reverts?: RevertOutcome[];
}

interface Deps {
  clock: Clock;
  journal: Journal;
  undo: UndoStack;
  context: FaultContext;
  /** The injectors by type (tests pass their own). */
  registry?: Record<string, InjectorFactory>;
}

/**
 * Runs the fault timeline: each fault waits for its offset (or for the fault it comes `after`),
 * records its undo, is injected, and is reverted after its `duration`. Faults without a duration
 * stay until the engine reverts everything at the end.
 */
export class FaultTimeline {
  readonly records = new Map<string, FaultRecord>();
  private readonly reverted = new Map<string, Promise<number>>();
  private readonly done: Promise<void>;

  constructor(
    private readonly plan: readonly PlannedFault[],
    private readonly deps: Deps,
  ) {
    for (const fault of plan)
      this.records.set(fault.id, { id: fault.id, type: fault.type, description: fault.description });
    const origin = deps.clock.now();
    const revertResolvers = new Map<string, (t: number) => void>();
    for (const fault of plan)
      this.reverted.set(fault.id, new Promise((resolve) => revertResolvers.set(fault.id, resolve)));
    this.done = Promise.all(
      plan.map((fault) => this.runFault(fault, origin, revertResolvers.get(fault.id) as (t: number) => void)),
    ).then(() => undefined);
    // Rejections surface through `completion()`; this keeps Node from reporting them as unhandled meanwhile.
    this.done.catch(() => undefined);
  }

  /** Resolves when every fault was injected and every timed fault reverted; rejects on the first failure. */
  completion(): Promise<void> {
    return this.done;
  }

  /** t0 of the drill: the start of the first fault's effect window. */
  firstEffectAt(): number | undefined {
    return this.firstEffectWindow()?.from;
  }

  /** The effect window of the fault that set t0: t0 is its `from`, its width t0's uncertainty. */
  firstEffectWindow(): EffectWindow | undefined {
    const windows = [...this.records.values()].flatMap((r) => (r.effectWindow ? [r.effectWindow] : []));
    return windows.sort((a, b) => a.from - b.from || a.to - b.to)[0];
  }

  /**
   * [start, end) of each fault while it was fully in place: from its verified effect until its
   * revert began; `end` undefined while still in place.
   */
  activeWindows(): Array<{ id: string; start: number; end: number | undefined }> {
    return [...this.records.values()].flatMap((r) =>
      r.effectAt === undefined ? [] : [{ id: r.id, start: r.effectAt, end: r.revertStartedAt }],
    );
  }

  /** Marks faults reverted by the engine's final `revertAll`, which ran from `startedAt` to `endedAt`. */
  markReverted(outcomes: readonly RevertOutcome[], startedAt: number, endedAt: number): void {
    for (const outcome of outcomes) {
      const record = this.records.get(outcome.faultId);
      if (!record) continue;
      record.revertStartedAt ??= startedAt;
      record.revertedAt ??= endedAt;
      record.reverts = [...(record.reverts ?? []), outcome];
    }
  }

  private async runFault(
    fault: PlannedFault,
    origin: number,
    onReverted: (t: number) => void,
  ): Promise<void> {
    const { clock, journal, undo, context } = this.deps;
    const record = this.records.get(fault.id) as FaultRecord;
    const base = fault.after ? await (this.reverted.get(fault.after) as Promise<number>) : origin;
    await clock.sleep(base + fault.atMs - clock.now(), context.signal);

    const factory =
      this.deps.registry?.[fault.type] ?? (injectors[fault.type as FaultType].loaded() as InjectorFactory);
    const instance = factory.create(fault.config);
    record.preparedAt = clock.now();
    const steps = await instance.prepare(context);
    undo.push(fault.id, steps);
    journal.record('fault.prepared', { fault: fault.id, undo: steps.map((s) => s.description) });
    const startedAt = clock.now();
    record.startedAt = startedAt;
    const { effect, returnedAt } = await injectThenRelease(instance, context, clock);
    const window = effectWindow(effect.window, startedAt, returnedAt);
    record.effectWindow = window;
    record.effectAt = window.from;
    record.summary = effect.summary;
    journal.record('fault.injected', {
      fault: fault.id,
      summary: effect.summary,
      details: effect.details,
      window,
    });

    if (fault.durationMs === undefined) return;
    await clock.sleep(record.effectAt + fault.durationMs - clock.now(), context.signal);
    record.revertStartedAt = clock.now();
    record.reverts = await undo.revert(fault.id);
    record.revertedAt = clock.now();
    journal.record('fault.reverted', { fault: fault.id, reverts: record.reverts });
    onReverted(record.revertedAt);
  }
}

/**
 * An injector's own window, kept inside the `inject` call that produced it (a stamp taken in a
 * container may stray by a clock tick); without one, the whole call.
 */
export function effectWindow(
  own: EffectWindow | undefined,
  startedAt: number,
  returnedAt: number,
): EffectWindow {
  if (!own) return { from: startedAt, to: returnedAt };
  const from = Math.min(returnedAt, Math.max(startedAt, own.from));
  return { from, to: Math.min(returnedAt, Math.max(from, own.to)) };
}

/** Injects, notes when the injector returned, then frees its helpers (whatever happened). */
async function injectThenRelease(
  fault: Fault,
  context: FaultContext,
  clock: Clock,
): Promise<{ effect: FaultEffect; returnedAt: number }> {
  try {
    const effect = await fault.inject(context);
    return { effect, returnedAt: clock.now() };
  } finally {
    await fault
      .release?.()
      .catch((error: unknown) => context.logger.warn({ err: error }, 'could not remove a fault helper'));
  }
}
