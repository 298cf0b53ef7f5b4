import { mkdtempSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed } from '../common/fuzz-runs.js';
import { SAMPLE_FILE } from '../result/sample-file.js';
import type { Sample } from '../result/sample.js';
import { FLUSH_BYTES, SampleLog, type WriteBytes } from './sample-log.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const runDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-sample-log-'));
  dirs.push(dir);
  return dir;
};

const sample = (i: number, detail: string): Sample => ({
  probe: 'api',
  role: 'steady',
  scheduledAt: i,
  startedAt: i,
  endedAt: i + 1,
  ok: false,
  detail,
});

/** A disk that takes at most `most` bytes per call (as a slow or interrupted write may). */
function slowDisk(most: number): { write: WriteBytes; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    write: (fd, bytes) => {
      calls.push(bytes.length);
      return writeSync(fd, bytes, 0, Math.min(most, bytes.length));
    },
  };
}

describe('the sample log', () => {
  it('holds at most one buffer, however slowly the disk takes it, and loses no byte', () => {
    fc.assert(
      fc.property(
        // Details from empty to past the buffer's size, with characters of 1 to 4 UTF-8 bytes.
        fc.array(fc.string({ unit: 'grapheme', maxLength: 100 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 64, max: 5000 }),
        (details, huge, most) => {
          const all = [...details, ...Array.from({ length: huge }, (_, i) => 'é€😀'.repeat(6000 + i))];
          const dir = runDir();
          const disk = slowDisk(most);
          const log = new SampleLog(dir, { runId: 'r1', origin: '2026-01-01T00:00:00.000Z' }, disk.write);
          const expected: string[] = [];
          all.forEach((detail, i) => {
            log.sample(sample(i, detail));
            expect(log.buffered).toBeLessThanOrEqual(FLUSH_BYTES);
            expected.push(detail);
          });
          log.close();
          const lines = readFileSync(join(dir, SAMPLE_FILE), 'utf8').trimEnd().split('\n');
          expect(lines.slice(1).map((l) => (JSON.parse(l) as { d: string }).d)).toEqual(expected);
          // Nothing waits in memory beyond one buffer (or one line longer than a buffer).
          const longest = Math.max(...all.map((d) => Buffer.byteLength(JSON.stringify(d)) + 200));
          for (const size of disk.calls) expect(size).toBeLessThanOrEqual(Math.max(FLUSH_BYTES, longest));
        },
      ),
      { seed: fuzzSeed, numRuns: fuzzRuns(15) },
    );
  });

  it('writes a full buffer before taking the next line: a slow disk slows the writer down', () => {
    const dir = runDir();
    let written = 0;
    let encoded = 0;
    const log = new SampleLog(dir, { runId: 'r1', origin: '2026-01-01T00:00:00.000Z' }, (fd, bytes) => {
      const n = writeSync(fd, bytes, 0, Math.min(100, bytes.length));
      written += n;
      return n;
    });
    for (let i = 0; i < 5_000; i++) {
      log.request({ at: i, ok: true, latencyMs: 1 });
      encoded = written + log.buffered;
      // What the log took in is on disk or in its one buffer, never queued beyond it.
      expect(encoded - written).toBeLessThanOrEqual(FLUSH_BYTES);
    }
    log.close();
    expect(written).toBe(readFileSync(join(dir, SAMPLE_FILE)).length);
    expect(written).toBeGreaterThan(2 * FLUSH_BYTES);
  });
});
