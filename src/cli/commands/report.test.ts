import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  drillResultArbitrary,
  fuzzRuns,
  fuzzSeed,
  fuzzTimeout,
} from '../../../test/support/result-arbitrary.js';
import { main } from '../main.js';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/results');

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'firedrill-report-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  rmSync(root, { recursive: true, force: true });
});

/** A copy of a recorded run, its result.json changed by `change`. */
function runDir(change: (result: Record<string, unknown>) => void, scenario = 'process-kill-detect'): string {
  const [run] = readdirSync(join(fixtures, scenario));
  const dir = join(root, scenario, run as string);
  cpSync(join(fixtures, scenario, run as string), dir, { recursive: true });
  const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as Record<string, unknown>;
  change(result);
  writeFileSync(join(dir, 'result.json'), JSON.stringify(result));
  return dir;
}

/** `firedrill report ...` in-process, with what it printed. */
async function report(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(['node', 'firedrill', 'report', ...args]);
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const measurements = (r: Record<string, unknown>) => r.measurements as Record<string, unknown>;

describe('firedrill report on a result.json that passed the old shape check', () => {
  it.each([
    [
      'no impact',
      (r: Record<string, unknown>) => delete measurements(r).impact,
      'measurements.impact: expected object, found nothing',
    ],
    [
      'an empty load',
      (r: Record<string, unknown>) => (measurements(r).load = {}),
      'measurements.load.requests: expected number, found nothing',
    ],
    [
      'an empty data',
      (r: Record<string, unknown>) => (measurements(r).data = {}),
      'measurements.data.attempted: expected number, found nothing',
    ],
    [
      'an event without time',
      (r: Record<string, unknown>) => delete (r.events as Array<Record<string, unknown>>)[0]?.time,
      'events[0].time: expected string, found nothing',
    ],
    [
      'a bogus repeat block',
      (r: Record<string, unknown>) => (r.repeat = { runs: 'many' }),
      'repeat.runs: expected number, found "many"',
    ],
    [
      'a sample at 1e400',
      (r: Record<string, unknown>) =>
        ((r.samples as Array<Record<string, unknown>>)[0]!.startedAt = Infinity),
      'samples[0].startedAt: expected number, found null',
    ],
  ])('%s: exit 2, naming the file, the field and what was expected', async (_, change, message) => {
    const dir = runDir(change);
    const { code, stderr } = await report(dir);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `firedrill: ${join(dir, 'result.json')} is not a firedrill result (firedrill.result/v1): ${message}`,
    );
    expect(stderr).not.toContain('internal error');
  });

  it('a result.json that is a directory or a FIFO: exit 2, never a hang', async () => {
    const dir = runDir(() => undefined);
    rmSync(join(dir, 'result.json'));
    execFileSync('mkfifo', [join(dir, 'result.json')]);
    const { code, stderr } = await report(dir);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(dir, 'result.json')} is not a regular file`);
  });

  it('renders a result with a sample at t=1e308 (the chart scale is bounded)', async () => {
    const dir = runDir((r) => {
      (r.samples as Array<Record<string, unknown>>)[0]!.startedAt = 1e308;
      (r.samples as Array<Record<string, unknown>>)[1]!.endedAt = -1e308;
    });
    const { code } = await report(dir);
    expect(code).toBe(0);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page).not.toMatch(/NaN|Infinity/);
    expect(page.match(/<line class="grid"/g)?.length ?? 0).toBeLessThanOrEqual(20);
  });

  it('prints names from the result and the directories neutralised: no escape sequence reaches the terminal', async () => {
    const dir = runDir((r) => {
      r.verdict = 'failed';
      (r.scenario as Record<string, unknown>).name = 'x\u001b]0;owned\u0007\u001b[2J';
    });
    const hostile = join(root, 'process-kill-detect', 'run\u001b[2J');
    cpSync(dir, hostile, { recursive: true });
    const { code, stdout } = await report('--index', root, hostile);
    expect(code).toBe(0);
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain(`${join(root, 'process-kill-detect', 'run\\x1b[2J')}: failed`);
  });
});

/** A valid result with one field, anywhere, replaced by any JSON value. */
const mutatedResult = fc
  .tuple(drillResultArbitrary, fc.nat(), fc.jsonValue({ maxDepth: 2 }))
  .map(([result, pick, value]) => {
    const json = JSON.parse(JSON.stringify(result)) as unknown;
    const slots: Array<[Record<string, unknown>, string]> = [];
    const visit = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, child] of Object.entries(node)) {
        slots.push([node as Record<string, unknown>, key]);
        visit(child);
      }
    };
    visit(json);
    const slot = slots[pick % Math.max(1, slots.length)];
    if (slot) slot[0][slot[1]] = value;
    return json;
  });

describe('firedrill report on any JSON (fuzz)', () => {
  it(
    'renders it or exits 2 with one message, never an internal error',
    async () => {
      const dir = join(root, 'fuzz', 'run');
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutatedResult, fc.jsonValue(), drillResultArbitrary), async (json) => {
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, 'result.json'), JSON.stringify(json) ?? 'null');
          const { code, stderr } = await report(dir);
          expect(stderr).not.toContain('internal error');
          expect([0, 2]).toContain(code);
        }),
        { seed: fuzzSeed, numRuns: fuzzRuns(40) },
      );
    },
    fuzzTimeout(40, 400),
  );
});
