import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DrillResult } from '../engine/result.js';
import { drillResultSchema } from '../result/result-schema.js';
import {
  drillResultArbitrary,
  fuzzRuns,
  fuzzSeed,
  fuzzTimeout,
} from '../../test/support/result-arbitrary.js';
import {
  htmlInjections,
  markdownMarkup,
  terminalControls,
  xmlProblems,
} from '../../test/support/markup-checks.js';
import { consoleReporter } from './console.js';
import { renderHtmlReport } from './html/render-report.js';
import { renderJunit } from './junit/render-junit.js';
import { renderMarkdown } from './markdown/render-markdown.js';

const runs = fuzzRuns(60);
const options = { seed: fuzzSeed, numRuns: runs };

/** Every result the arbitrary makes is one the schema accepts: the properties speak of valid input. */
function valid(result: DrillResult): DrillResult {
  return drillResultSchema.parse(result);
}

describe('every schema-valid result renders safely (fuzz)', () => {
  it(
    'report.html: parsed as a browser does, no element or attribute came from input text',
    () => {
      fc.assert(
        fc.property(drillResultArbitrary, (result) => {
          expect(htmlInjections(renderHtmlReport(valid(result)))).toEqual([]);
        }),
        options,
      );
    },
    fuzzTimeout(60, 300),
  );

  it(
    'junit.xml: well-formed XML, only its own elements, every time a decimal',
    () => {
      fc.assert(
        fc.property(drillResultArbitrary, (result) => {
          expect(xmlProblems(renderJunit(valid(result)))).toEqual([]);
        }),
        options,
      );
    },
    fuzzTimeout(60),
  );

  it(
    'summary.md: input text creates no heading, link, mention, HTML or table cell',
    () => {
      fc.assert(
        fc.property(drillResultArbitrary, fc.string({ unit: 'binary', maxLength: 20 }), (result, runDir) => {
          const md = renderMarkdown(valid(result), runDir);
          expect(markdownMarkup(md, result.objectives.length)).toEqual([]);
        }),
        options,
      );
    },
    fuzzTimeout(60),
  );

  it(
    'console: no raw control character reaches the terminal',
    async () => {
      await fc.assert(
        fc.asyncProperty(drillResultArbitrary, async (result) => {
          const stream = new PassThrough();
          let text = '';
          stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
          const reporter = consoleReporter({ stream: stream as unknown as NodeJS.WriteStream });
          for (const event of valid(result).events) reporter.onEvent?.(event);
          await reporter.onDrillEnd?.(result, '/tmp/run\u001b[2J');
          expect(text).not.toMatch(terminalControls);
        }),
        options,
      );
    },
    fuzzTimeout(60),
  );
});
