import { PassThrough, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type Docker from 'dockerode';
import type { Clock } from '../../common/clock.js';
import { NodeOutput, type OutputListener } from '../process/node-output.js';
import { sinceParameter, splitTimestamp } from './log-timestamp.js';

const RESTART_POLL_MS = 50;

/**
 * Follows a container's log stream across its restarts: each line goes to subscribers stamped with
 * the run's clock on arrival, and to the node's log file. A stopped container ends Docker's stream;
 * the follower waits for it to run again and resumes after the last line it saw.
 */
export class ContainerOutput {
  private readonly output: NodeOutput;
  private readonly streams = { stdout: new PassThrough(), stderr: new PassThrough() };
  private lastSeen: bigint | undefined;
  private current: Readable | undefined;
  private readonly closing = new AbortController();
  private following: Promise<void> | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly containerId: string,
    private readonly clock: Clock,
    options: { logFile?: string; tty?: boolean; fromNow?: boolean } = {},
  ) {
    this.output = new NodeOutput(clock, options.logFile);
    this.output.attach(this.streams.stdout, 'stdout');
    this.output.attach(this.streams.stderr, 'stderr');
    this.tty = options.tty ?? false;
    // An attached container's history is not this run's: start from now.
    if (options.fromNow) this.lastSeen = BigInt(Date.now()) * 1_000_000n;
  }

  private readonly tty: boolean;

  /** Starts following (once). */
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
    this.current?.destroy();
    await this.following;
    this.streams.stdout.end();
    this.streams.stderr.end();
    await this.output.close();
  }

  private async follow(): Promise<void> {
    const container = this.docker.getContainer(this.containerId);
    const signal = this.closing.signal;
    while (!signal.aborted) {
      const since = this.lastSeen === undefined ? undefined : sinceParameter(this.lastSeen);
      const stream = (await container.logs({
        follow: true,
        stdout: true,
        stderr: true,
        timestamps: true,
        ...(since !== undefined && { since }),
      })) as Readable;
      this.current = stream;
      await this.pump(stream);
      // The stream ends when the container stops: wait until it runs again, then resume.
      while (!signal.aborted && !(await container.inspect()).State.Running) {
        await this.clock.sleep(RESTART_POLL_MS, signal).catch(() => undefined);
      }
    }
  }

  private pump(stream: Readable): Promise<void> {
    const parts = this.tty ? [{ source: stream, sink: this.streams.stdout }] : this.demux(stream);
    const done = parts.map(
      ({ source, sink }) =>
        new Promise<void>((resolve) => {
          const lines = createInterface({ input: source, crlfDelay: Infinity });
          lines.on('line', (raw) => this.forward(raw, sink));
          lines.on('close', resolve);
        }),
    );
    return Promise.all(done).then(() => undefined);
  }

  private demux(stream: Readable): Array<{ source: Readable; sink: PassThrough }> {
    const out = new PassThrough();
    const err = new PassThrough();
    this.docker.modem.demuxStream(stream, out, err);
    const end = (): void => {
      out.end();
      err.end();
    };
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', end);
    return [
      { source: out, sink: this.streams.stdout },
      { source: err, sink: this.streams.stderr },
    ];
  }

  private forward(raw: string, sink: PassThrough): void {
    const { nanos, line } = splitTimestamp(raw);
    if (nanos !== undefined) {
      // `since` is inclusive: after a resume the last line seen comes again.
      if (this.lastSeen !== undefined && nanos <= this.lastSeen) return;
      this.lastSeen = nanos;
    }
    sink.write(`${line}\n`);
  }
}
