import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Clock } from '../../common/clock.js';
import { relayAfterExit } from './stream-relay.js';
import { openAppendSafely } from '../../common/safe-write.js';

export type OutputListener = (line: string, at: number) => void;

const TAIL_LINES = 20;

/**
 * A node's output across all its processes (restarts included): lines go to subscribers stamped
 * with the run's clock, to an optional log file, and to a short tail kept for error messages.
 */
export class NodeOutput {
  private readonly listeners = new Set<OutputListener>();
  private readonly tail: string[] = [];
  private readonly log: WriteStream | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly logFile?: string,
  ) {
    if (logFile) {
      mkdirSync(dirname(logFile), { recursive: true });
      // Appended through a descriptor that refuses symlinks (see common/safe-write).
      this.log = createWriteStream(logFile, { fd: openAppendSafely(logFile) });
    }
  }

  subscribe(listener: OutputListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Follows one stream of a spawned process until it ends. */
  attach(stream: Readable, source: 'stdout' | 'stderr'): void {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.emit(line, source));
  }

  /** A line of firedrill's own in the log file ("started pid 4242"), not sent to subscribers. */
  note(text: string): void {
    this.write(`--- firedrill: ${text}`, 'event');
  }

  /** `--keep`: the node outlives firedrill; what it writes from now on goes to the log file, raw. */
  handOver(streams: ReadonlyArray<Readable | null | undefined>): void {
    this.note('firedrill exits (--keep): the output below is appended as written, without times');
    for (const stream of streams) relayAfterExit(stream, this.logFile);
  }

  lastLines(): string[] {
    return [...this.tail];
  }

  async close(): Promise<void> {
    const log = this.log;
    if (log) await new Promise((resolve) => log.end(resolve));
  }

  private emit(line: string, source: 'stdout' | 'stderr'): void {
    const at = this.clock.now();
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    this.write(line, source, at);
    for (const listener of this.listeners) {
      try {
        listener(line, at);
      } catch {
        // A faulty listener must not stop the others or the node's output.
      }
    }
  }

  private write(line: string, source: string, at = this.clock.now()): void {
    if (this.log?.writable) this.log.write(`${this.clock.wallTime(at).toISOString()} ${source} ${line}\n`);
  }
}
