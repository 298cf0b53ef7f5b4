import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateFile } from './kinds.js';

/**
 * The acceptance set: each file under test/fixtures/invalid holds one mistake and says, in its
 * `# expect: <line>:<column> <field path or -> <message fragment>` header, where it must be reported.
 */
const INVALID = 'test/fixtures/invalid';
const VALID = 'test/fixtures/valid';
const yamlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

function expectation(file: string) {
  const match = /^# expect: (\d+):(\d+) (\S+) (.+)$/m.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`${file} has no "# expect: <line>:<column> <path> <message>" header`);
  const [, line, column, path, message] = match;
  return { line: Number(line), column: Number(column), path: path === '-' ? '' : path!, message: message! };
}

beforeAll(() => {
  delete process.env.FIREDRILL_FIXTURE_UNSET;
});

describe('invalid scenario fixtures', () => {
  it('cover at least the twenty mistakes of the acceptance set', () => {
    expect(yamlFiles(INVALID).length).toBeGreaterThanOrEqual(20);
  });

  it.each(yamlFiles(INVALID))('%s: one problem, at the expected place', async (name) => {
    const file = join(INVALID, name);
    const wanted = expectation(file);
    const problems = await validateFile(file);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect({
      file: problem!.file,
      line: problem!.line,
      column: problem!.column,
      path: problem!.path,
    }).toEqual({
      file,
      line: wanted.line,
      column: wanted.column,
      path: wanted.path,
    });
    expect(problem!.message).toContain(wanted.message);
  });
});

describe('every rejection carries a hint', () => {
  it.each(yamlFiles(INVALID))('%s', async (name) => {
    const problems = await validateFile(join(INVALID, name));
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem.hint.trim(), problem.message).not.toBe('');
  });
});

describe('valid scenario fixtures', () => {
  it.each(yamlFiles(VALID))('%s is valid', async (name) => {
    expect(await validateFile(join(VALID, name))).toEqual([]);
  });
});
