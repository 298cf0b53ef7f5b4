import { errorMessage } from '../common/errors.js';
import type { StateFile } from './state-file.js';
import type { UndoStep } from './undo.js';
import { runUndoStep, type UndoEnvironment } from './undo-executor.js';

export interface RevertOutcome {
  faultId: string;
  step: string;
  ok: boolean;
  detail: string;
}

/**
 * The engine's undo stack. A fault's steps are pushed (and persisted) before it is applied; they
 * are run LIFO, and a step that fails is reported but never stops the others from running.
 */
export class UndoStack {
  private readonly entries: Array<{ faultId: string; steps: UndoStep[] }> = [];

  constructor(
    private readonly state: StateFile,
    private readonly env: () => UndoEnvironment,
  ) {}

  push(faultId: string, steps: UndoStep[]): void {
    if (steps.length === 0) return;
    this.entries.push({ faultId, steps: [...steps] });
    this.state.addPending({ faultId, steps: [...steps] });
  }

  has(faultId: string): boolean {
    return this.entries.some((e) => e.faultId === faultId);
  }

  /** Reverts one fault (its steps in reverse order). */
  async revert(faultId: string): Promise<RevertOutcome[]> {
    const entry = this.entries.find((e) => e.faultId === faultId);
    if (!entry) return [];
    this.entries.splice(this.entries.indexOf(entry), 1);
    const outcomes: RevertOutcome[] = [];
    // A step that failed stays in the state file, so that `firedrill cleanup` can try it again.
    const failed: UndoStep[] = [];
    while (entry.steps.length > 0) {
      const step = entry.steps.pop() as UndoStep;
      const outcome = await this.runStep(faultId, step);
      outcomes.push(outcome);
      if (!outcome.ok) failed.unshift(step);
      this.state.setRemaining(faultId, [...entry.steps, ...failed]);
    }
    return outcomes;
  }

  /** Reverts every fault still applied, the most recent first. */
  async revertAll(): Promise<RevertOutcome[]> {
    const outcomes: RevertOutcome[] = [];
    while (this.entries.length > 0) {
      const last = this.entries[this.entries.length - 1] as { faultId: string };
      outcomes.push(...(await this.revert(last.faultId)));
    }
    return outcomes;
  }

  private async runStep(faultId: string, step: UndoStep): Promise<RevertOutcome> {
    try {
      return { faultId, step: step.description, ok: true, detail: await runUndoStep(step, this.env()) };
    } catch (error) {
      return { faultId, step: step.description, ok: false, detail: errorMessage(error) };
    }
  }
}
