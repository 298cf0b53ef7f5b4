import type { Clock } from '../../common/clock.js';
import { TargetError, TimeoutError, errorMessage } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { Resource } from '../target.js';
import type { NodeOutput } from './node-output.js';
import type { NodeSpec } from './node-spec.js';
import { describeReady, waitReady } from './ready-wait.js';
import {
  describeExit,
  signalGroup,
  spawnProcess,
  waitExit,
  type ExitInfo,
  type SpawnedProcess,
} from './spawn-process.js';

export type LifecycleEvent =
  | { type: 'spawned'; pid: number; at: number }
  | { type: 'exited'; pid: number; exit: ExitInfo; expected: boolean }
  | { type: 'restart-scheduled'; delayMs: number; at: number }
  | { type: 'restart-failed'; error: string; at: number };

export interface SupervisorDeps {
  clock: Clock;
  logger: Logger;
  output: NodeOutput;
  recordResource(resource: Resource): Promise<void>;
}

const KILL_WAIT_MS = 5000;

/**
 * Keeps one node's process running the way its spec says: restarts it after `delay` when it
 * exits by itself (per policy), never after a deliberate stop, until `start` is called again.
 */
export class NodeSupervisor {
  private proc: SpawnedProcess | undefined;
  private wanted: 'running' | 'stopped' = 'stopped';
  private pendingRestart: AbortController | undefined;
  private readonly listeners = new Set<(event: LifecycleEvent) => void>();

  constructor(
    readonly spec: NodeSpec,
    private readonly deps: SupervisorDeps,
  ) {}

  /** The latest process, alive or not (undefined before the first start). */
  get current(): SpawnedProcess | undefined {
    return this.proc;
  }

  get alive(): SpawnedProcess | undefined {
    return this.proc && !this.proc.exit ? this.proc : undefined;
  }

  onEvent(listener: (event: LifecycleEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Spawns the process unless it runs, and waits until it is ready (bounded, abortable). */
  async start(signal: AbortSignal): Promise<void> {
    this.wanted = 'running';
    this.cancelPendingRestart();
    if (this.alive) return;
    const proc = await this.spawn();
    const { ready } = this.spec;
    if (!ready) return;
    const result = await waitReady(ready, {
      clock: this.deps.clock,
      signal,
      exited: () => proc.exit !== undefined,
    });
    if (result === 'ready') return;
    const tail = this.deps.output.lastLines().slice(-5);
    const output = tail.length ? `; its last output:\n    ${tail.join('\n    ')}` : '; it wrote no output';
    if (result === 'exited') {
      throw new TargetError(
        `node ${this.spec.name} exited (${describeExit(proc.exit!)}) before it was ready${output}`,
        {
          hint: `check its command: ${this.spec.display}`,
        },
      );
    }
    throw new TimeoutError(
      `node ${this.spec.name} was not ready after ${ready.timeoutMs}ms (waiting for ${describeReady(ready)})${output}`,
      { hint: 'raise ready.timeout, or check that the ready port/path is the one the program serves' },
    );
  }

  /** Deliberate stop: SIGTERM to the group, SIGKILL after `stop_timeout`; no restart until `start`. */
  async stop(): Promise<ExitInfo | undefined> {
    this.wanted = 'stopped';
    this.cancelPendingRestart();
    return this.terminate();
  }

  /** Leaves the process running and lets go of it (`--keep`): no more restarts, no more waiting on it. */
  detach(): void {
    this.wanted = 'stopped';
    this.cancelPendingRestart();
    const child = this.alive?.child;
    if (!child) return;
    child.unref();
    this.deps.output.handOver([child.stdout, child.stderr]);
  }

  /** Stops and starts again at once (the restart delay is for unexpected exits only). */
  async restart(signal: AbortSignal): Promise<void> {
    this.cancelPendingRestart();
    await this.terminate();
    await this.start(signal);
  }

  /** SIGKILL to the group; resolves with the verified exit. The policy decides what happens next. */
  async kill(): Promise<ExitInfo | undefined> {
    const proc = this.alive;
    if (!proc) return undefined;
    signalGroup(proc, 'SIGKILL');
    return waitExit(proc, this.deps.clock, KILL_WAIT_MS);
  }

  private async terminate(): Promise<ExitInfo | undefined> {
    const proc = this.alive;
    if (!proc) return this.proc?.exit;
    proc.expectedExit = true;
    signalGroup(proc, 'SIGTERM');
    // A paused process would keep SIGTERM pending forever.
    signalGroup(proc, 'SIGCONT');
    const exit = await waitExit(proc, this.deps.clock, this.spec.stopTimeoutMs);
    if (exit) return exit;
    this.deps.logger.warn(
      { pid: proc.pid },
      `no exit ${this.spec.stopTimeoutMs}ms after SIGTERM: sending SIGKILL`,
    );
    signalGroup(proc, 'SIGKILL');
    const killed = await waitExit(proc, this.deps.clock, KILL_WAIT_MS);
    if (!killed)
      throw new TargetError(
        `node ${this.spec.name} (pid ${proc.pid}) survived SIGKILL for ${KILL_WAIT_MS}ms`,
      );
    return killed;
  }

  private async spawn(): Promise<SpawnedProcess> {
    const { clock, output, logger } = this.deps;
    const proc = await spawnProcess(this.spec, clock, output);
    this.proc = proc;
    output.note(`started pid ${proc.pid}: ${this.spec.display}`);
    logger.info({ pid: proc.pid }, `started ${this.spec.name}`);
    this.emit({ type: 'spawned', pid: proc.pid, at: clock.now() });
    void proc.exited.then((exit) => this.onExit(proc, exit));
    const description = `node ${this.spec.name}: ${this.spec.display}`;
    await this.deps
      .recordResource({ kind: 'process', pid: proc.pid, startTime: proc.startTime, description })
      .catch((error: unknown) =>
        logger.warn({ pid: proc.pid, err: errorMessage(error) }, 'could not record the process'),
      );
    return proc;
  }

  private onExit(proc: SpawnedProcess, exit: ExitInfo): void {
    const expected = proc.expectedExit || this.wanted === 'stopped';
    this.deps.output.note(`pid ${proc.pid} exited (${describeExit(exit)})`);
    this.deps.logger.info(
      { pid: proc.pid, code: exit.code, signal: exit.signal, expected },
      `${this.spec.name} exited`,
    );
    this.emit({ type: 'exited', pid: proc.pid, exit, expected });
    if (expected || proc !== this.proc || !this.policyRestarts(exit)) return;
    void this.restartAfterDelay();
  }

  private policyRestarts(exit: ExitInfo): boolean {
    const { policy } = this.spec.restart;
    return policy === 'always' || (policy === 'on-failure' && (exit.code !== 0 || exit.signal !== null));
  }

  private async restartAfterDelay(): Promise<void> {
    const controller = new AbortController();
    this.pendingRestart = controller;
    const { clock, logger } = this.deps;
    const { delayMs } = this.spec.restart;
    this.emit({ type: 'restart-scheduled', delayMs, at: clock.now() });
    try {
      await clock.sleep(delayMs, controller.signal);
    } catch {
      return; // cancelled: stopped, started or restarted by hand meanwhile
    }
    this.pendingRestart = undefined;
    try {
      await this.spawn();
    } catch (error) {
      logger.error({ err: errorMessage(error) }, `could not restart ${this.spec.name}`);
      this.emit({ type: 'restart-failed', error: errorMessage(error), at: clock.now() });
    }
  }

  private cancelPendingRestart(): void {
    this.pendingRestart?.abort();
    this.pendingRestart = undefined;
  }

  private emit(event: LifecycleEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
