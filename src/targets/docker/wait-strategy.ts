import type Dockerode from 'dockerode';
import { BoundPorts, Wait, type WaitStrategy } from 'testcontainers';
import type { DockerNodeConfig } from './docker-schema.js';

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * When a node counts as started: its `wait` (a port, an HTTP path, a log line), else every
 * published port listening, else simply running. The same strategy is used again after a
 * start or restart during the drill.
 */
export function waitStrategyFor(node: DockerNodeConfig): WaitStrategy {
  const wait = node.wait;
  const timeout = wait?.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!wait) return Wait.forListeningPorts().withStartupTimeout(timeout);
  if (wait.http !== undefined) {
    const port = wait.port ?? node.ports?.[0] ?? 80;
    return Wait.forHttp(wait.http, port).forStatusCode(wait.status).withStartupTimeout(timeout);
  }
  if (wait.log !== undefined)
    return Wait.forLogMessage(new RegExp(wait.log), wait.times).withStartupTimeout(timeout);
  return new OnePortWait(wait.port!).withStartupTimeout(timeout);
}

/**
 * testcontainers' listening-ports check limited to one port. The check runs inside the container
 * as well as on the host: Docker's userland proxy accepts on the host port even when nothing
 * listens in the container yet.
 */
class OnePortWait implements WaitStrategy {
  private readonly inner = Wait.forListeningPorts();

  constructor(private readonly port: number) {}

  waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts, startTime?: Date): Promise<void> {
    const only = new BoundPorts();
    only.setBinding(this.port, boundPorts.getBinding(this.port));
    return this.inner.waitUntilReady(container, only, startTime);
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
