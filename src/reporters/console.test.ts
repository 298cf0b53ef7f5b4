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

describe('console reporter, what the system under test printed', () => {
  it('shows escape sequences (window title, clear screen) instead of sending them to the terminal', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const reporter = consoleReporter({ stream: stream as unknown as NodeJS.WriteStream });
    const base = { t: 1200, time: '2026-11-22T03:04:49.609Z' };
    reporter.onEvent?.({
      ...base,
      type: 'fault.injected',
      fault: 'kill',
      summary: 'killed \u001b]0;owned\u0007\u001b[2J',
    });
    reporter.onEvent?.({ ...base, type: 'integrity.read', ok: false, error: 'ERR\r\u009b2Kfake line' });
    reporter.onEvent?.({ ...base, type: 'target.up', nodes: 'not a list' });
    expect(text).toBe(
      [
        '    1.20s  fault kill: killed \\x1b]0;owned\\x07\\x1b[2J',
        '    1.20s  ledger read-back failed: ERR\\r\\x9b2Kfake line',
        '    1.20s  target up: not a list',
        '',
      ].join('\n'),
    );
  });
});

describe('reporters in run order', () => {
  it('puts console last, after the reporters that write the files it points at', () => {
    expect(inRunOrder(['console', 'html', 'json'])).toEqual(['html', 'json', 'console']);
  });
});
