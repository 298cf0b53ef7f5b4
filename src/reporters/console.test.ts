import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { DrillResult } from '../result/index.js';
import { consoleReporter } from './console.js';
import { inRunOrder } from './registry.js';
import { readRunResult } from './result-file.js';

const fixtures = resolve(import.meta.dirname, '../../test/fixtures/results');
const [recorded] = readdirSync(join(fixtures, 'process-kill-detect'));
const result: DrillResult = readRunResult(join(fixtures, 'process-kill-detect', recorded as string));

/** What the console reporter prints when the drill ends, as text. */
async function closingText(runDir: string): Promise<string> {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await consoleReporter({ stream: stream as unknown as NodeJS.WriteStream }).onDrillEnd?.(result, runDir);
  return text;
}

describe('console reporter, closing lines', () => {
  let runDir: string;
  afterEach(() => rmSync(runDir, { recursive: true, force: true }));

  it('prints the objectives table, the verdict and the HTML report to open', async () => {
    runDir = mkdtempSync(join(tmpdir(), 'firedrill-console-'));
    writeFileSync(join(runDir, 'report.html'), '<!doctype html>');
    const text = await closingText(runDir);
    expect(text).toMatch(/objective +target +measured +status/);
    expect(text).toContain('verdict: FAILED');
    expect(text).toContain(`report: ${join(runDir, 'report.html')}\n`);
  });

  it('names the run directory when no HTML report was written', async () => {
    runDir = mkdtempSync(join(tmpdir(), 'firedrill-console-'));
    expect(await closingText(runDir)).toContain(`run directory: ${runDir}\n`);
  });
});

describe('reporters in run order', () => {
  it('puts console last, after the reporters that write the files it points at', () => {
    expect(inRunOrder(['console', 'html', 'json'])).toEqual(['html', 'json', 'console']);
  });
});
