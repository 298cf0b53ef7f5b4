import { mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed } from '../common/fuzz-runs.js';
import { SampleLog } from '../engine/sample-log.js';
import { readSampleFile } from './sample-file-read.js';
import { requestFromLine, sampleFromLine, writeFromLine, SAMPLE_FILE } from './sample-file.js';
import type { Sample } from './sample.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const runDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-samples-'));
  dirs.push(dir);
  return dir;
};

// Times as the file keeps them: to the microsecond.
const time = fc.integer({ min: 0, max: 90_000_000_000 }).map((us) => us / 1000);
const sampleArb: fc.Arbitrary<Sample> = fc.record(
  {
    probe: fc.string({ minLength: 1, maxLength: 12 }),
    role: fc.constantFrom('steady', 'detect', 'during', 'abort' as const),
    scheduledAt: time,
    startedAt: time,
    endedAt: time,
    ok: fc.boolean(),
    detail: fc.string({ maxLength: 40 }),
    value: fc.double({ noNaN: true, noDefaultInfinity: true }),
    observedEvent: fc.constant(true as const),
  },
  { requiredKeys: ['probe', 'role', 'scheduledAt', 'startedAt', 'endedAt', 'ok'] },
);

describe('the sample file', () => {
  it('reads back every sample, request and write exactly as appended', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sampleArb, { maxLength: 30 }),
        fc.array(fc.record({ at: time, ok: fc.boolean(), latencyMs: time }), { maxLength: 10 }),
        async (samples, requests) => {
          const dir = runDir();
          const log = new SampleLog(dir, { runId: 'r1', origin: '2026-01-01T00:00:00.000Z' });
          samples.forEach((s) => log.sample(s));
          requests.forEach((r) => log.request(r));
          log.write({ seq: 1, sentAt: 5, ackedAt: 7.5 });
          log.write({ seq: 2, sentAt: 6, failedAt: 1006, error: 'no acknowledgement within 1000ms' });
          log.close();
          const read = {
            samples: [] as Sample[],
            requests: [] as unknown[],
            writes: [] as unknown[],
            header: 0,
          };
          for await (const line of readSampleFile(join(dir, SAMPLE_FILE))) {
            if (line.k === 'h') read.header++;
            if (line.k === 's') read.samples.push(sampleFromLine(line));
            if (line.k === 'l') read.requests.push(requestFromLine(line));
            if (line.k === 'w') read.writes.push(writeFromLine(line));
          }
          expect(read.header).toBe(1);
          expect(read.samples).toEqual(samples);
          expect(read.requests).toEqual(requests);
          expect(read.writes).toEqual([
            { seq: 1, sentAt: 5, ackedAt: 7.5 },
            { seq: 2, sentAt: 6, failedAt: 1006, error: 'no acknowledgement within 1000ms' },
          ]);
        },
      ),
      { seed: fuzzSeed, numRuns: fuzzRuns(25) },
    );
  });

  it('skips a torn last line (a run killed mid-write) and counts it', async () => {
    const dir = runDir();
    const log = new SampleLog(dir, { runId: 'r1', origin: '2026-01-01T00:00:00.000Z' });
    log.request({ at: 1, ok: true, latencyMs: 2 });
    log.close();
    appendFileSync(join(dir, SAMPLE_FILE), '{"k":"l","s":3,"ms"');
    const counts = { skipped: 0 };
    const kinds: string[] = [];
    for await (const line of readSampleFile(join(dir, SAMPLE_FILE), counts)) kinds.push(line.k);
    expect(kinds).toEqual(['h', 'l']);
    expect(counts.skipped).toBe(1);
  });

  it('writes in batches: lines buffered before close reach the file on flush', () => {
    const dir = runDir();
    const log = new SampleLog(dir, { runId: 'r1', origin: '2026-01-01T00:00:00.000Z' });
    for (let i = 0; i < 5000; i++) log.request({ at: i, ok: true, latencyMs: 1 });
    expect(log.lines).toBe(5001);
    log.close();
    log.request({ at: 1, ok: true, latencyMs: 1 });
    expect(log.lines).toBe(5001);
  });
});
