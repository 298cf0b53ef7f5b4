import type Docker from 'dockerode';
import type { Clock } from '../../common/clock.js';
import { FaultNoEffectError, TargetError } from '../../common/errors.js';
import type { ExecResult, NodeRef, TargetNode } from '../target.js';
import { pollUntil } from '../process/poll.js';
import { execInContainer } from './container-exec.js';
import { crashKill, processGone } from './crash-kill.js';
import type { ContainerOutput } from './container-output.js';

const VERIFY_MS = 2000;
const DEFAULT_STOP_SECONDS = 10;

type State = Docker.ContainerInspectInfo['State'];

export interface ContainerNodeOptions {
  docker: Docker;
  id: string;
  name: string;
  clock: Clock;
  output: ContainerOutput;
  /** Published ports: container port → host port on 127.0.0.1. */
  ports?: Readonly<Record<number, number>>;
  /** Waits until the node counts as started again after a start or restart during the drill. */
  ready?: (startTime: Date, signal: AbortSignal) => Promise<void>;
  stopTimeoutSeconds?: number;
  /** Aborted when the target stops: bounds the ready waits. */
  signal: AbortSignal;
}

/** A container as the engine and faults see it: docker kill/stop/start/pause, exec and its logs. */
export class ContainerNode implements TargetNode {
  /** The pid last killed from the host, which Docker may still report as running for a moment. */
  private crashedPid: number | undefined;

  constructor(private readonly options: ContainerNodeOptions) {}

  get name(): string {
    return this.options.name;
  }

  get id(): string {
    return this.options.id;
  }

  /** Published ports: container port → host port on 127.0.0.1. */
  get ports(): Readonly<Record<number, number>> {
    return this.options.ports ?? {};
  }

  ref(): NodeRef {
    return { kind: 'container', node: this.name, id: this.id };
  }

  async inspect(): Promise<Docker.ContainerInspectInfo> {
    return this.container().inspect();
  }

  /** Docker's view, except for the moments after a crash-kill before Docker has noticed the exit. */
  async isRunning(): Promise<boolean> {
    const state = await this.state();
    return state.Running && !(state.Pid === this.crashedPid && (await processGone(this.id, state.Pid)));
  }

  /**
   * SIGKILL to the main process, as a crash (see crashKill), verified by the kernel: the process
   * is gone. Without access to the process, `docker kill`, verified once Docker reports the exit
   * (or, under a restart policy, that the container already came back).
   */
  async kill(): Promise<void> {
    const before = await this.state();
    if (!before.Running) throw new FaultNoEffectError(`cannot kill node ${this.name}: it is not running`);
    if (await crashKill(this.id, before.Pid)) {
      this.crashedPid = before.Pid;
      if (!(await this.poll(() => processGone(this.id, before.Pid))))
        throw new FaultNoEffectError(
          `container ${this.name} (pid ${before.Pid}) was still running after SIGKILL`,
        );
      return;
    }
    await this.container().kill({ signal: 'SIGKILL' });
    const exited = await this.waitState(
      (s) => !s.Running || s.Restarting || s.StartedAt !== before.StartedAt,
    );
    if (!exited) throw new FaultNoEffectError(`container ${this.name} was still running after SIGKILL`);
  }

  async stop(): Promise<void> {
    await this.settle();
    const t = this.options.stopTimeoutSeconds ?? DEFAULT_STOP_SECONDS;
    await this.container().stop({ t }).catch(ignoreStatus(304));
    if (!(await this.waitState((s) => !s.Running, (t + 5) * 1000)))
      throw new TargetError(`container ${this.name} did not stop`);
  }

  async start(): Promise<void> {
    await this.settle();
    const startTime = new Date();
    await this.container().start().catch(ignoreStatus(304));
    await this.ready(startTime);
  }

  async restart(): Promise<void> {
    await this.settle();
    const before = await this.state();
    const startTime = new Date();
    await this.container().restart({ t: this.options.stopTimeoutSeconds ?? DEFAULT_STOP_SECONDS });
    if (!(await this.waitState((s) => s.Running && s.StartedAt !== before.StartedAt)))
      throw new FaultNoEffectError(`container ${this.name} was not restarted`);
    await this.ready(startTime);
  }

  async pause(): Promise<void> {
    await this.settle();
    await this.container().pause();
    if (!(await this.waitState((s) => s.Paused)))
      throw new FaultNoEffectError(`container ${this.name} is not paused after docker pause`);
  }

  /** Nothing to resume when the container is not paused (killed or stopped meanwhile): not an error. */
  async resume(): Promise<void> {
    if (!(await this.state()).Paused) return;
    await this.container().unpause().catch(ignoreStatus(304, 409));
    if (!(await this.waitState((s) => !s.Paused)))
      throw new TargetError(`container ${this.name} is still paused after docker unpause`);
  }

  async isPaused(): Promise<boolean> {
    return (await this.state()).Paused;
  }

  exec(
    command: readonly string[],
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<ExecResult> {
    return execInContainer(this.options.docker, this.id, command, options);
  }

  onOutput(listener: (line: string, at: number) => void): () => void {
    return this.options.output.subscribe(listener);
  }

  private container(): Docker.Container {
    return this.options.docker.getContainer(this.id);
  }

  private async state(): Promise<State> {
    return (await this.container().inspect()).State;
  }

  private async ready(startTime: Date): Promise<void> {
    if (!(await this.waitState((s) => s.Running)))
      throw new TargetError(`container ${this.name} is not running after docker start`);
    await this.options.ready?.(startTime, this.options.signal);
  }

  /** After a crash-kill, waits until Docker has recorded the exit, so its next action sees it. */
  private async settle(): Promise<void> {
    const pid = this.crashedPid;
    if (pid === undefined) return;
    await this.waitState((s) => !s.Running || s.Pid !== pid, 10_000);
    this.crashedPid = undefined;
  }

  private waitState(wanted: (state: State) => boolean, timeoutMs = VERIFY_MS): Promise<boolean> {
    return this.poll(async () => wanted(await this.state()), timeoutMs);
  }

  private poll(check: () => Promise<boolean>, timeoutMs = VERIFY_MS): Promise<boolean> {
    return pollUntil(check, { clock: this.options.clock, timeoutMs, intervalMs: 2 });
  }
}

/** Docker answers 304 (already started/stopped) or 409 (not paused): the wanted state is there. */
function ignoreStatus(...codes: number[]): (error: { statusCode?: number }) => void {
  return (error) => {
    if (!codes.includes(error.statusCode ?? 0)) throw error;
  };
}
