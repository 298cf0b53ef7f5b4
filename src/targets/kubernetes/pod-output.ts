import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import type { V1Pod } from '@kubernetes/client-node';
import type { Clock } from '../../common/clock.js';
import { NodeOutput, type OutputListener } from '../process/node-output.js';
import { splitTimestamp } from '../docker/log-timestamp.js';
import type { Cluster } from './cluster.js';
import { containerStatus, isContainerRunning, runtimeId } from './pod-state.js';

const WAIT_POLL_MS = 100;
const WATCHDOG_MS = 500;

/**
 * Follows a pod container's log across restarts and replacements: the log stream ends when the
 * container exits; the follower then waits until the node's pod (the same one restarted, or its
 * replacement found by name or selector) runs the container again and follows that, skipping any
 * line at or before the last one seen. Lines are stamped with the run's clock on arrival.
 */
export class PodOutput {
  private readonly output: NodeOutput;
  private readonly closing = new AbortController();
  private following: Promise<void> | undefined;
  private current: AbortController | undefined;
  private lastSeen: bigint | undefined;
  private followed: string | undefined;
  /** One stream into NodeOutput for the whole run, across log requests: it splits and stamps lines. */
  private readonly relay = new PassThrough();

  constructor(
    private readonly cluster: Cluster,
    private readonly container: string,
    /** The node's pod as of now, or undefined while it has none. */
    private readonly pod: () => V1Pod | undefined,
    private readonly clock: Clock,
    logFile?: string,
  ) {
    this.output = new NodeOutput(clock, logFile);
    this.output.attach(this.relay, 'stdout');
  }

  /** Starts following (once), from now on: the pod's earlier lines are not this run's. */
  start(): void {
    this.following ??= this.follow().catch(() => undefined);
  }

  subscribe(listener: OutputListener): () => void {
    return this.output.subscribe(listener);
  }

  lastLines(): string[] {
    return this.output.lastLines();
  }

  async close(): Promise<void> {
    this.closing.abort();
    this.current?.abort();
    await this.following;
    this.relay.end();
    await this.output.close();
  }

  private async follow(): Promise<void> {
    const signal = this.closing.signal;
    while (!signal.aborted) {
      const pod = this.pod();
      if (!pod || !isContainerRunning(pod, this.container)) {
        await this.clock.sleep(WAIT_POLL_MS, signal).catch(() => undefined);
        continue;
      }
      const instance = runtimeId(containerStatus(pod, this.container));
      const first = this.followed === undefined;
      const sameInstance = instance === this.followed;
      this.followed = instance;
      try {
        await this.followOnce(pod, first, sameInstance);
      } catch {
        // The pod went away between the look-up and the request: look again.
      }
      await this.clock.sleep(WAIT_POLL_MS, signal).catch(() => undefined);
    }
  }

  /**
   * One log request, until its stream ends. The first starts at the end of the log (tailLines 0);
   * one to the same container instance resumes at the last line's second (sinceTime, inclusive:
   * repeats are skipped); a new instance is read from its beginning. A stream that outlives its
   * container instance (a dropped connection does not end it) is ended by the watchdog.
   */
  private async followOnce(pod: V1Pod, first: boolean, sameInstance: boolean): Promise<void> {
    const stream = new PassThrough();
    const since = this.lastSeen === undefined ? undefined : sinceTime(this.lastSeen);
    const options =
      first || (sameInstance && since === undefined)
        ? { tailLines: 0 }
        : sameInstance
          ? { sinceTime: since! }
          : {};
    const ended = new Promise<void>((resolve) => {
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      lines.on('line', (raw) => this.forward(raw));
      lines.on('close', resolve);
    });
    const end = (): void => {
      this.current?.abort();
      stream.end();
    };
    const watchdog = setInterval(() => {
      if (this.closing.signal.aborted || this.instanceOf(this.pod()) !== this.instanceOf(pod)) end();
    }, WATCHDOG_MS);
    this.closing.signal.addEventListener('abort', end, { once: true });
    try {
      this.current = await this.cluster.log.log(
        pod.metadata!.namespace!,
        pod.metadata!.name!,
        this.container,
        stream,
        {
          follow: true,
          timestamps: true,
          ...options,
        },
      );
      await ended;
    } finally {
      clearInterval(watchdog);
      this.closing.signal.removeEventListener('abort', end);
      stream.end();
    }
  }

  /** The pod's uid and the container's runtime id: what changes on a restart or a replacement. */
  private instanceOf(pod: V1Pod | undefined): string {
    const running = pod && isContainerRunning(pod, this.container);
    return running ? `${pod.metadata?.uid}/${runtimeId(containerStatus(pod, this.container))}` : 'none';
  }

  private forward(raw: string): void {
    const { nanos, line } = splitTimestamp(raw);
    if (nanos !== undefined) {
      if (this.lastSeen !== undefined && nanos <= this.lastSeen) return;
      this.lastSeen = nanos;
    }
    this.relay.write(`${line}\n`);
  }
}

/** The API's sinceTime: RFC 3339 at whole seconds, rounded down (so it includes the line). */
function sinceTime(nanos: bigint): string {
  return new Date(Number(nanos / 1_000_000_000n) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}
