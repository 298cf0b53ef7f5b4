import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DrillResult } from '../../../src/engine/result.js';

const fixtures = resolve(import.meta.dirname, '../../fixtures/results');

/** A fresh temporary directory for one test's files (reports, screenshots). */
export function tempDir(prefix = 'firedrill-reports-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The directory of the one recorded run of `scenario` in test/fixtures/results. */
export function fixtureRunDir(scenario: string): string {
  const [run] = readdirSync(join(fixtures, scenario));
  if (!run) throw new Error(`no fixture run of ${scenario}: run test/fixtures/results/generate.sh`);
  return join(fixtures, scenario, run);
}

/**
 * Copies a recorded run directory of a real drill (see test/fixtures/results/generate.sh) to a
 * temporary reports tree, so `firedrill report` can write into it. Returns the copy's path.
 */
export function copyFixtureRun(scenario: string, into = tempDir()): string {
  const source = fixtureRunDir(scenario);
  const target = join(into, scenario, source.split('/').at(-1) as string);
  cpSync(source, target, { recursive: true });
  return target;
}

export function readResultFile(runDir: string): DrillResult {
  return JSON.parse(readFileSync(join(runDir, 'result.json'), 'utf8')) as DrillResult;
}

export function writeResultFile(runDir: string, result: DrillResult): void {
  writeFileSync(join(runDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
}
