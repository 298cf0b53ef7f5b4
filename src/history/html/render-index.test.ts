import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { htmlInjections } from '../../../test/support/markup-checks.js';
import {
  drillResultArbitrary,
  fuzzRuns,
  fuzzSeed,
  fuzzTimeout,
} from '../../../test/support/result-arbitrary.js';
import type { DrillResult } from '../../engine/result.js';
import { buildIndex } from '../build-index.js';
import { renderIndexHtml } from './render-index.js';
import { trendChart } from './trend-chart.js';

let reports: string;
beforeEach(() => {
  reports = mkdtempSync(join(tmpdir(), 'firedrill-index-'));
});
afterEach(() => rmSync(reports, { recursive: true, force: true }));

function writeRuns(results: readonly DrillResult[]): void {
  results.forEach((result, i) => {
    const dir = join(reports, 'scenario', `run-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'result.json'), JSON.stringify(result));
  });
}

describe('index.html', () => {
  it('a trend with a value of 1e308 draws a bounded chart: finite coordinates, no NaN', () => {
    const chart = trendChart(
      'ttr',
      'time to recover',
      [
        { label: '03:04', value: 1e308, title: 'a' },
        { label: '03:05', over: 1.7e308, regression: { threshold: 1.79e308, note: 'x' }, title: 'b' },
        { label: '03:06', value: -1e308, title: 'c' },
      ],
      String,
    ).text;
    expect(chart).not.toMatch(/NaN|Infinity|e\+\d+"/);
    expect(htmlInjections(chart)).toEqual([]);
  });

  it(
    'any schema-valid runs give a page without injected elements or attributes (fuzz)',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(drillResultArbitrary, { minLength: 1, maxLength: 4 }), async (results) => {
          rmSync(reports, { recursive: true, force: true });
          writeRuns(results);
          const index = await buildIndex(reports, new Date('2026-12-07T18:00:00Z'));
          expect(index.skipped).toEqual([]);
          expect(htmlInjections(renderIndexHtml(index))).toEqual([]);
        }),
        { seed: fuzzSeed, numRuns: fuzzRuns(30) },
      );
    },
    fuzzTimeout(30, 400),
  );
});
