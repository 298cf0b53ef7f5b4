import { connect } from 'node:net';
import type Dockerode from 'dockerode';
import type { BoundPorts, WaitStrategy } from 'testcontainers';
import { SystemClock, type Clock } from '../../common/clock.js';
import { dockerClient } from '../../common/docker.js';
import { TimeoutError } from '../../common/errors.js';
import { execInContainer } from './container-exec.js';
import { exitedForGood, nodeExitedError } from './node-exit.js';
import { listeningPorts } from './proc-net-tcp.js';

/** What "started" means for a node without `wait: log`. */
export type ReadyCondition =
  { kind: 'ports'; ports: readonly number[] } | { kind: 'http'; port: number; path: string; status: number };

const POLL_MS = 100;
const CHECK_TIMEOUT_MS = 1000;

/**
 * Waits for a port or HTTP condition, and looks at the container on every round: one that exits
 * or is OOM-killed meanwhile fails the wait at once, with its exit code and last lines, instead
 * of being waited on until the timeout. (testcontainers' own waits would poll on for the whole
 * timeout, keeping the process alive after the failure.)
 */
export class ContainerReadyWait implements WaitStrategy {
  private timeoutMs = 60_000;
  private timeoutSet = false;

  constructor(
    private readonly node: string,
    private readonly condition: ReadyCondition,
    private readonly clock: Clock = new SystemClock(),
  ) {}

  async waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts): Promise<void> {
    const deadline = this.clock.now() + this.timeoutMs;
    for (;;) {
      const state = await container.inspect().then(
        (info) => info.State,
        () => undefined,
      );
      if (!state || exitedForGood(state))
        throw await nodeExitedError(this.node, container, state, describeCondition(this.condition));
      if (await this.isReady(container, boundPorts)) return;
      if (this.clock.now() >= deadline)
        throw new TimeoutError(
          `not ready after ${this.timeoutMs}ms (waiting for ${describeCondition(this.condition)})`,
          { hint: 'raise wait.timeout, or check that the port or path is the one the program serves' },
        );
      await this.clock.sleep(POLL_MS);
    }
  }

  private async isReady(container: Dockerode.Container, bound: BoundPorts): Promise<boolean> {
    const { condition } = this;
    if (condition.kind === 'http')
      return httpAnswers(
        `http://127.0.0.1:${bound.getBinding(condition.port)}${condition.path}`,
        condition.status,
      );
    for (const port of condition.ports) {
      if (!(await tcpAccepts(bound.getBinding(port)))) return false;
      if (!(await listensInside(container, port))) return false;
    }
    return true;
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.timeoutMs = startupTimeoutMs;
    this.timeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.timeoutSet;
  }

  getStartupTimeout(): number {
    return this.timeoutMs;
  }
}

export function describeCondition(condition: ReadyCondition): string {
  if (condition.kind === 'http')
    return `GET ${condition.path} on port ${condition.port} answering ${condition.status}`;
  if (condition.ports.length === 0) return 'the container to run';
  return `port${condition.ports.length > 1 ? 's' : ''} ${condition.ports.join(', ')} to listen`;
}

/**
 * Docker's userland proxy accepts on the host port before anything listens in the container: ask
 * the container's /proc too. An image without `cat` cannot tell; the host side then decides.
 */
async function listensInside(container: Dockerode.Container, port: number): Promise<boolean> {
  try {
    const result = await execInContainer(
      dockerClient(),
      container.id,
      ['cat', '/proc/net/tcp', '/proc/net/tcp6'],
      { timeoutMs: CHECK_TIMEOUT_MS },
    );
    if (result.exitCode === 126 || result.exitCode === 127) return true;
    return listeningPorts(result.stdout).has(port);
  } catch {
    return false;
  }
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: CHECK_TIMEOUT_MS });
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('timeout', () => finish(false));
  });
}

async function httpAnswers(url: string, status: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.status === status;
  } catch {
    return false;
  }
}
