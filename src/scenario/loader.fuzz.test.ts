import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../common/fuzz-runs.js';
import { validateFile } from './kinds.js';

/**
 * Any text given to the loader, as a Drill, Objectives or Schedule file, is either valid or
 * refused with located problems that each carry a hint: never a throw (which the CLI would show as
 * an internal error, exit 3). Fixed seeds here; `npm run fuzz` runs the same properties longer.
 */
let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-fuzz-'));
});

const seeds = [
  'test/fixtures/valid/web-kill.yaml',
  'test/fixtures/valid/objectives.yaml',
  'scenarios/schedule.yaml',
].map((file) => readFileSync(file, 'utf8'));

const kinds = ['Drill', 'Objectives', 'Schedule', 'Nope'];

/** YAML-looking fragments: the tokens a mutation most often breaks or abuses. */
const token = fc.constantFrom(
  ':',
  ': ',
  '- ',
  '\n',
  '\n  ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '&a ',
  '*a',
  '<<: ',
  '"',
  "'",
  '#',
  '|',
  '>',
  '!!str ',
  '? ',
  '__proto__: ',
  'constructor: ',
  '${env.X}',
  '${env.X:-d}',
  '${nodes.a.port.b}',
  '1e309',
  '-1',
  '0s',
  '600h',
  '99999h',
  '1/s',
  '1e9/s',
  'null',
  '~',
  '\t',
  '\u0000',
  '\uFEFF',
);

/** A valid document with a few fragments spliced in, deleted or swapped. */
const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.oneof(token, fc.string({ maxLength: 8 }))), {
      minLength: 1,
      maxLength: 6,
    }),
  )
  .map(([text, edits]) =>
    edits.reduce((t, [at, remove, insert]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + insert + t.slice(i + remove);
    }, text),
  );

/** A header naming a kind, then anything. */
const headed = fc
  .tuple(
    fc.constantFrom(...kinds),
    fc.array(fc.oneof(token, fc.string({ maxLength: 12 })), { maxLength: 40 }),
  )
  .map(([kind, parts]) => `apiVersion: firedrill/v1\nkind: ${kind}\n${parts.join('')}`);

const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  headed,
  mutated,
);

async function validateText(text: string) {
  const file = join(dir, `case-${counter++}.yaml`);
  await writeFile(file, text);
  return { file, problems: await validateFile(file) };
}

describe('loader fuzz', () => {
  it('any text is valid or refused with located, hinted problems, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const { file, problems } = await validateText(text);
        for (const problem of problems) {
          expect(problem.file).toBe(file.startsWith(process.cwd()) ? problem.file : file);
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.column).toBeGreaterThanOrEqual(1);
          expect(problem.message.length).toBeGreaterThan(0);
          expect(problem.hint.trim().length, problem.message).toBeGreaterThan(0);
        }
      }),
      { seed: 20261207, numRuns: fuzzRuns(150) },
    );
  }, 120_000);

  it('hostile shapes are refused in bounded time: alias bombs, deep nesting, long scalars, many keys', async () => {
    const bomb =
      'apiVersion: firedrill/v1\nkind: Drill\n' +
      Array.from({ length: 12 }, (_, i) =>
        i === 0
          ? 'a0: &a0 [x, x, x, x, x, x, x, x, x]'
          : `a${i}: &a${i} [${Array(9)
              .fill(`*a${i - 1}`)
              .join(', ')}]`,
      ).join('\n');
    const deep = `apiVersion: firedrill/v1\nkind: Drill\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const blockDeep = `apiVersion: firedrill/v1\nkind: Drill\nx:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}1\n`;
    const keys = `apiVersion: firedrill/v1\nkind: Drill\n${Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}`).join('\n')}\n`;
    for (const text of [bomb, deep, blockDeep, keys]) {
      const { problems } = await validateText(text);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.length).toBeLessThan(50_000);
    }
  }, 120_000);
});
