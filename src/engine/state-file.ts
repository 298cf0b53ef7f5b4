import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSafely } from '../common/safe-write.js';
import type { Resource } from '../targets/target.js';
import { ensurePrivateDir, ownStamp, sealState, stateRootFrom, type StateStamp } from './state-trust.js';
import type { UndoStep } from './undo.js';

export { readLeftoverStates, type LeftoverState } from './state-read.js';

/** A fault whose undo steps have not all run yet. */
export interface PendingUndo {
  faultId: string;
  steps: UndoStep[];
}

/** `<state dir>/runs/<runId>/state.json`: what `firedrill cleanup` needs when the run died. */
export interface RunState extends StateStamp {
  runId: string;
  scenario: string;
  pid: number;
  startedAt: string;
  resources: Resource[];
  pending: PendingUndo[];
}

/** The run state directory of this user (see state-trust.ts); `FIREDRILL_STATE_DIR` overrides it. */
export const defaultStateRoot = stateRootFrom();

/**
 * The run's state on disk, rewritten atomically (write + rename) after every change, so the
 * undo of a fault is on disk before the fault is applied. Private to the user (0700/0600) and
 * sealed (see state-trust.ts), so that cleanup can tell it from a file it must not execute.
 */
export class StateFile {
  private readonly file: string;

  constructor(
    readonly dir: string,
    private readonly state: RunState,
  ) {
    this.file = join(dir, 'state.json');
    ensurePrivateDir(join(dir, '..'));
    ensurePrivateDir(dir);
    this.flush();
  }

  static create(root: string, state: Omit<RunState, 'resources' | 'pending' | keyof StateStamp>): StateFile {
    return new StateFile(join(root, state.runId), { ...state, ...ownStamp(), resources: [], pending: [] });
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
    const sealed = { ...this.state, mac: sealState(this.state) };
    writeFileSafely(this.file, JSON.stringify(sealed, null, 2), { mode: 0o600, durable: true });
  }
}
