import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../common/errors.js';
import { readRunResult } from './result-file.js';

const fixtures = resolve(import.meta.dirname, '../../test/fixtures/results');
const fixtureRun = (scenario: string): string => {
  const [run] = readdirSync(join(fixtures, scenario));
  return join(fixtures, scenario, run as string);
};

function failure(dir: string): UsageError {
  try {
    readRunResult(dir);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`${dir} was accepted`);
}

describe('readRunResult', () => {
  it('reads the result.json of a real run', () => {
    const result = readRunResult(fixtureRun('process-kill-detect'));
    expect(result.scenario.name).toBe('process-kill-detect');
    expect(result.objectives).toHaveLength(4);
  });

  it('names a directory of runs as such and points to --index', () => {
    const error = failure(fixtures);
    expect(error.message).toBe(`${fixtures} is not a run directory: it has no result.json`);
    expect(error.hint).toContain(`firedrill report --index ${fixtures}`);
  });

  it('tells an unfinished run (journal, no result) from an unrelated directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-result-'));
    expect(failure(dir).hint).toContain('reports/<scenario>/<timestamp>-<runId>/');
    writeFileSync(join(dir, 'events.ndjson'), '{}\n');
    const error = failure(dir);
    expect(error.message).toContain('has a journal but no result.json: the run did not finish');
    expect(error.hint).toContain('firedrill cleanup');
    expect(failure(join(dir, 'events.ndjson')).message).toContain('is not a directory');
  });

  it('says which field of a foreign JSON file is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-result-'));
    writeFileSync(join(dir, 'result.json'), '{ "schema": "firedrill.result/v1", "runId": 1 }');
    expect(failure(dir).message).toBe(
      `${join(dir, 'result.json')} is not a firedrill result (firedrill.result/v1): runId: expected string, found 1 (and 14 more problems)`,
    );
    const nested = join(dir, 'nested');
    mkdirSync(nested);
    const real = JSON.parse(JSON.stringify(readRunResult(fixtureRun('process-kill-restart-tight')))) as {
      objectives: Array<{ status: string }>;
    };
    (real.objectives[0] as { status: string }).status = 'great';
    writeFileSync(join(nested, 'result.json'), JSON.stringify(real));
    expect(failure(nested).message).toMatch(/: objectives\[0\]\.status: /);
    writeFileSync(join(nested, 'result.json'), '{ truncated');
    expect(failure(nested).message).toContain('is not valid JSON');
  });
});
