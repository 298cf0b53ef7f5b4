import type Dockerode from 'dockerode';
import { Wait, type BoundPorts, type WaitStrategy } from 'testcontainers';
import { SystemClock, type Clock } from '../../common/clock.js';
import { errorMessage } from '../../common/errors.js';
import { ContainerReadyWait, describeCondition } from './container-ready.js';
import type { DockerNodeConfig } from './docker-schema.js';
import { exitedForGood, nodeExitedError } from './node-exit.js';

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * When a node counts as started: its `wait` (a port, an HTTP path, a log line), else every
 * published port listening, else simply running. Each of them fails at once when the container
 * exits meanwhile. The same strategy is used again after a start or restart during the drill.
 */
export function waitStrategyFor(
  name: string,
  node: DockerNodeConfig,
  clock: Clock = new SystemClock(),
): WaitStrategy {
  const wait = node.wait;
  const timeout = wait?.timeout ?? DEFAULT_TIMEOUT_MS;
  if (wait?.log !== undefined)
    return new ExitAwareLogWait(
      name,
      Wait.forLogMessage(new RegExp(wait.log), wait.times),
    ).withStartupTimeout(timeout);
  if (wait?.http !== undefined) {
    const port = wait.port ?? node.ports?.[0] ?? 80;
    const condition = { kind: 'http' as const, port, path: wait.http, status: wait.status };
    return new ContainerReadyWait(name, condition, clock).withStartupTimeout(timeout);
  }
  const ports = wait?.port !== undefined ? [wait.port] : (node.ports ?? []);
  return new ContainerReadyWait(name, { kind: 'ports', ports }, clock).withStartupTimeout(timeout);
}

/** What firedrill waits for before a node counts as started, for messages. */
export function describeNodeWait(node: DockerNodeConfig): string {
  const wait = node.wait;
  if (wait?.log !== undefined) return `its log line /${wait.log}/`;
  if (wait?.http !== undefined)
    return describeCondition({
      kind: 'http',
      port: wait.port ?? node.ports?.[0] ?? 80,
      path: wait.http,
      status: wait.status,
    });
  return describeCondition({
    kind: 'ports',
    ports: wait?.port !== undefined ? [wait.port] : (node.ports ?? []),
  });
}

/**
 * testcontainers' log wait, whose failure names the exit: the log stream ends when the container
 * does, and the error then says how it ended and what it wrote last.
 */
class ExitAwareLogWait implements WaitStrategy {
  constructor(
    private readonly node: string,
    private readonly inner: WaitStrategy,
  ) {}

  async waitUntilReady(
    container: Dockerode.Container,
    boundPorts: BoundPorts,
    startTime?: Date,
  ): Promise<void> {
    try {
      await this.inner.waitUntilReady(container, boundPorts, startTime);
    } catch (error) {
      const state = await container.inspect().then(
        (info) => info.State,
        () => undefined,
      );
      if (!state || exitedForGood(state))
        throw await nodeExitedError(this.node, container, state, `its log line (${errorMessage(error)})`);
      throw error;
    }
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.inner.withStartupTimeout(startupTimeoutMs);
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.inner.isStartupTimeoutSet();
  }

  getStartupTimeout(): number {
    return this.inner.getStartupTimeout();
  }
}
