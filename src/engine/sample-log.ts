import { closeSync, mkdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openAppendSafely } from '../common/safe-write.js';
import {
  requestLine,
  sampleLine,
  writeLine,
  SAMPLE_FILE,
  SAMPLE_FILE_VERSION,
  type RequestRecord,
  type SampleFileLine,
  type WriteRecord,
} from '../result/sample-file.js';
import type { Sample } from '../result/sample.js';

/** Lines are written in batches of about this many bytes: a crash loses at most the last batch. */
export const FLUSH_BYTES = 64 * 1024;

/** Writes some of `bytes` to `fd` and says how many (a short write is allowed, as `writeSync`'s). */
export type WriteBytes = (fd: number, bytes: Uint8Array) => number;

const writeBytes: WriteBytes = (fd, bytes) => writeSync(fd, bytes);

/**
 * Appends every observation of the drill to `<runDir>/samples.ndjson` as it arrives (see
 * `sample-file.ts` for the format), so that memory need not hold the series.
 *
 * Memory stays bounded whatever the rate of observations (a fake clock makes them faster than any
 * disk): lines are encoded into one reused buffer of `FLUSH_BYTES`, and a full buffer is written
 * out, synchronously and completely (short writes are retried), before the next line is taken.
 * The disk is the backpressure: a slow disk slows the drill's loop (probes then skip ticks, which
 * never counts as a failure) instead of queueing lines in memory; a day's tens of millions of
 * lines cost one write per 64 KiB and no garbage beyond each line's own text.
 */
export class SampleLog {
  readonly file: string;
  private fd: number | undefined;
  private readonly buffer = Buffer.allocUnsafe(FLUSH_BYTES);
  private used = 0;
  /** Lines written so far (the header included). */
  lines = 0;

  constructor(
    runDir: string,
    header: { runId: string; origin: string },
    private readonly writeOut = writeBytes,
  ) {
    mkdirSync(runDir, { recursive: true });
    this.file = join(runDir, SAMPLE_FILE);
    this.fd = openAppendSafely(this.file);
    this.append({ k: 'h', v: SAMPLE_FILE_VERSION, run: header.runId, origin: header.origin });
  }

  /** Bytes encoded but not yet written (never more than `FLUSH_BYTES`). */
  get buffered(): number {
    return this.used;
  }

  sample(sample: Sample): void {
    this.append(sampleLine(sample));
  }

  request(request: RequestRecord): void {
    this.append(requestLine(request));
  }

  write(write: WriteRecord): void {
    this.append(writeLine(write));
  }

  /** Writes what is buffered (before a reader such as `firedrill report` opens the file). */
  flush(): void {
    if (this.fd === undefined || this.used === 0) return;
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private append(line: SampleFileLine): void {
    // After close (a straggling check that settled during teardown) nothing more is recorded.
    if (this.fd === undefined) return;
    const text = `${JSON.stringify(line)}\n`;
    this.lines++;
    // A UTF-16 unit is at most 3 bytes of UTF-8: room for that many, or the buffer goes out first.
    if (this.used + 3 * text.length > FLUSH_BYTES) this.flush();
    if (3 * text.length > FLUSH_BYTES) {
      // A line longer than the buffer (a huge detail) is written on its own.
      this.writeAll(Buffer.from(text));
      return;
    }
    this.used += this.buffer.write(text, this.used);
  }

  private writeAll(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length;) at += this.writeOut(this.fd!, bytes.subarray(at));
  }
}
