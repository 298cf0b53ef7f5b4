import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '../targets/target.js';
import type { UndoStep } from './undo.js';

/** A fault whose undo steps have not all run yet. */
export interface PendingUndo {
  faultId: string;
  steps: UndoStep[];
}

/** `.firedrill/runs/<runId>/state.json`: what `firedrill cleanup` needs when the run died. */
export interface RunState {
  runId: string;
  scenario: string;
  pid: number;
  startedAt: string;
  resources: Resource[];
  pending: PendingUndo[];
}

export const defaultStateRoot = '.firedrill/runs';

/**
 * The run's state on disk, rewritten atomically (write + rename) after every change, so the
 * undo of a fault is on disk before the fault is applied.
 */
export class StateFile {
  private readonly file: string;

  constructor(
    readonly dir: string,
    private readonly state: RunState,
  ) {
    this.file = join(dir, 'state.json');
    mkdirSync(dir, { recursive: true });
    this.flush();
  }

  static create(root: string, state: Omit<RunState, 'resources' | 'pending'>): StateFile {
    return new StateFile(join(root, state.runId), { ...state, resources: [], pending: [] });
  }

  get pending(): readonly PendingUndo[] {
    return this.state.pending;
  }

  addResource(resource: Resource): void {
    this.state.resources.push(resource);
    this.flush();
  }

  addPending(entry: PendingUndo): void {
    this.state.pending.push(entry);
    this.flush();
  }

  /** Replaces a fault's remaining steps (after some ran), or drops it when none remain. */
  setRemaining(faultId: string, steps: UndoStep[]): void {
    const entry = this.state.pending.find((p) => p.faultId === faultId);
    if (!entry) return;
    entry.steps = steps;
    this.state.pending = this.state.pending.filter((p) => p.steps.length > 0);
    this.flush();
  }

  /** The run ended cleanly: nothing is left for `cleanup`. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    renameSync(tmp, this.file);
  }
}

/** States of runs that did not end cleanly. */
export function readLeftoverStates(root: string): Array<{ dir: string; state: RunState }> {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  return entries.flatMap((runId) => {
    const dir = join(root, runId);
    try {
      return [{ dir, state: JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as RunState }];
    } catch {
      return [];
    }
  });
}
