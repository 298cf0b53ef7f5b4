import type { Clock } from '../../common/clock.js';
import { FaultNoEffectError, TargetError } from '../../common/errors.js';
import type { ExecResult, NodeRef, TargetNode } from '../target.js';
import type { NodeOutput } from './node-output.js';
import { pollUntil } from './poll.js';
import { isAlive, readProcStat } from './proc-stat.js';
import { runCommand } from './run-command.js';
import { describeExit, signalGroup, type SpawnedProcess } from './spawn-process.js';
import type { LifecycleEvent, NodeSupervisor } from './supervisor.js';

const VERIFY_MS = 2000;

/** A supervised local process as the engine and faults see it. */
export class ProcessNode implements TargetNode {
  constructor(
    private readonly supervisor: NodeSupervisor,
    private readonly output: NodeOutput,
    private readonly clock: Clock,
    /** Aborted when the target stops: bounds every ready wait of start/restart. */
    private readonly signal: AbortSignal,
  ) {}

  get name(): string {
    return this.supervisor.spec.name;
  }

  /** Ports by name, as chosen at start (kept across restarts). */
  get ports(): Readonly<Record<string, number>> {
    return this.supervisor.spec.ports;
  }

  /** Declared data directories, absolute. */
  get dataDirs(): readonly string[] {
    return this.supervisor.spec.dataDirs;
  }

  get cwd(): string {
    return this.supervisor.spec.cwd;
  }

  /** The node's own variables (laid over firedrill's environment), as `exec` runs commands with. */
  get env(): Readonly<Record<string, string>> {
    return this.supervisor.spec.env;
  }

  ref(): NodeRef {
    const proc = this.supervisor.current;
    if (!proc) throw new TargetError(`node ${this.name} has not been started`);
    return { kind: 'process', node: this.name, pid: proc.pid, startTime: proc.startTime };
  }

  async isRunning(): Promise<boolean> {
    const proc = this.supervisor.alive;
    return proc !== undefined && isAlive(await readProcStat(proc.pid));
  }

  async kill(): Promise<void> {
    const proc = this.running('kill');
    const exit = await this.supervisor.kill();
    if (!exit)
      throw new FaultNoEffectError(`node ${this.name} (pid ${proc.pid}) was still running after SIGKILL`);
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
  }

  async start(): Promise<void> {
    await this.supervisor.start(this.signal);
  }

  async restart(): Promise<void> {
    await this.supervisor.restart(this.signal);
  }

  async pause(): Promise<void> {
    const proc = this.running('pause');
    signalGroup(proc, 'SIGSTOP');
    if (!(await this.waitState(proc, (state) => state === 'T'))) {
      throw new FaultNoEffectError(`node ${this.name} (pid ${proc.pid}) did not stop after SIGSTOP`);
    }
  }

  /** Nothing to resume when the process is gone (killed while paused): that is not an error. */
  async resume(): Promise<void> {
    const proc = this.supervisor.alive;
    if (!proc) return;
    signalGroup(proc, 'SIGCONT');
    if (!(await this.waitState(proc, (state) => state !== 'T'))) {
      throw new TargetError(`node ${this.name} (pid ${proc.pid}) is still stopped after SIGCONT`);
    }
  }

  /** True while the process is stopped by SIGSTOP. */
  async isPaused(): Promise<boolean> {
    const proc = this.supervisor.alive;
    return proc !== undefined && (await readProcStat(proc.pid))?.state === 'T';
  }

  /** Runs on the host, in the node's working directory and environment. */
  exec(
    command: readonly string[],
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<ExecResult> {
    const { cwd, env } = this.supervisor.spec;
    return runCommand(command, { cwd, env, ...options });
  }

  onOutput(listener: (line: string, at: number) => void): () => void {
    return this.output.subscribe(listener);
  }

  /** Spawns, exits and scheduled restarts of this node, e.g. for the run's journal. */
  onLifecycle(listener: (event: LifecycleEvent) => void): () => void {
    return this.supervisor.onEvent(listener);
  }

  private running(action: string): SpawnedProcess {
    const proc = this.supervisor.alive;
    if (proc) return proc;
    const last = this.supervisor.current?.exit;
    const why = last ? `its last process exited (${describeExit(last)})` : 'it was never started';
    throw new FaultNoEffectError(`cannot ${action} node ${this.name}: it is not running (${why})`);
  }

  private waitState(proc: SpawnedProcess, wanted: (state: string) => boolean): Promise<boolean> {
    const check = async (): Promise<boolean> => {
      const stat = await readProcStat(proc.pid);
      return stat !== undefined && wanted(stat.state);
    };
    return pollUntil(check, { clock: this.clock, timeoutMs: VERIFY_MS, intervalMs: 5 });
  }
}
