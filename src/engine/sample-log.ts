import { closeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { appendTo, openAppendSafely } from '../common/safe-write.js';
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
const FLUSH_BYTES = 64 * 1024;

/**
 * Appends every observation of the drill to `<runDir>/samples.ndjson` as it arrives (see
 * `sample-file.ts` for the format), so that memory need not hold the series. Writes are
 * synchronous and batched: a 24-hour drill's tens of millions of lines cost one write per 64 KiB.
 */
export class SampleLog {
  readonly file: string;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Lines written so far (the header included). */
  lines = 0;

  constructor(runDir: string, header: { runId: string; origin: string }) {
    mkdirSync(runDir, { recursive: true });
    this.file = join(runDir, SAMPLE_FILE);
    this.fd = openAppendSafely(this.file);
    this.append({ k: 'h', v: SAMPLE_FILE_VERSION, run: header.runId, origin: header.origin });
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
    if (this.fd === undefined || this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    appendTo(this.fd, text);
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
    this.pending.push(text);
    this.pendingBytes += text.length;
    this.lines++;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }
}
