import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextAt, quoteWord, scriptIndex, spliceQuoted } from './shell-quote.js';

/** Runs a script through /bin/sh and returns what it printed. */
function sh(script: string): string {
  const run = spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

const TEMPLATE = /\$\{v\}/g;
/** Scripts that print `${v}` from each place a value can land, NUL-free; each prints it once per line. */
const SHAPES = [
  `printf '%s\\n' \${v}`,
  `printf '%s\\n' "\${v}"`,
  `printf '%s\\n' 'x\${v}y' | sed 's/^x//; s/y$//'`,
  `printf '%s\\n' "$(printf '%s' \${v})"`,
  `printf '%s\\n' "$(printf '%s' "\${v}")"`,
  "printf '%s\\n' \"`printf '%s' ${v}`\"",
  'printf \'%s\\n\' "`printf \'%s\' \\"${v}\\"`"',
  "printf '%s\\n' \"`printf '%s' \\\"$(printf '%s' '${v}')\\\"`\"",
];
/** Printable and shell-meaningful characters; no newline (sed and $(...) would eat trailing ones). */
const nasty = fc.string({
  unit: fc.constantFrom(...`abc /;|&$()\`'"\\*?[]{}<>#~!=%^-\t`.split('')),
  maxLength: 24,
});

describe('shell quoting: a value is one literal word wherever it lands', () => {
  it('quotes a word with quotes inside it', () => {
    expect(quoteWord("it's")).toBe(`'it'\\''s'`);
    expect(sh(`printf %s ${quoteWord("a'b; $(x) `y`")}`)).toBe("a'b; $(x) `y`");
  });

  it('finds the quoting level at an offset', () => {
    const script = `a "b $(c 'd' "e" f) g" 'h' \`i\``;
    expect(contextAt(script, script.indexOf('b'))).toEqual(['plain', 'double']);
    expect(contextAt(script, script.indexOf('d'))).toEqual(['plain', 'double', 'plain', 'single']);
    expect(contextAt(script, script.indexOf('e'))).toEqual(['plain', 'double', 'plain', 'double']);
    expect(contextAt(script, script.indexOf('f'))).toEqual(['plain', 'double', 'plain']);
    expect(contextAt(script, script.indexOf('g'))).toEqual(['plain', 'double']);
    expect(contextAt(script, script.indexOf('h'))).toEqual(['plain', 'single']);
    expect(contextAt(script, script.indexOf('i'))).toEqual(['plain', 'backquote', 'plain']);
  });

  it('prints any value back exactly, in every shape (property, fixed seed)', () => {
    fc.assert(
      fc.property(nasty, fc.constantFrom(...SHAPES), (value, shape) => {
        const script = spliceQuoted(shape, TEMPLATE, () => value);
        expect(sh(script)).toBe(`${value}\n`);
      }),
      { seed: 20261207, numRuns: 80 },
    );
  }, 60_000);

  it('tells a shell script in a command list from a program and its arguments', () => {
    expect(scriptIndex(['sh', '-c', 'x'])).toBe(2);
    expect(scriptIndex(['/bin/bash', '-ec', 'x', 'arg0'])).toBe(2);
    expect(scriptIndex(['bash', '--noprofile', '-c', 'x'])).toBe(3);
    expect(scriptIndex(['busybox', 'sh', '-c', 'x'])).toBe(3);
    expect(scriptIndex(['sh', 'script.sh'])).toBeUndefined();
    expect(scriptIndex(['redis-cli', '-c', 'x'])).toBeUndefined();
    expect(scriptIndex(['sh', '-c'])).toBeUndefined();
  });
});
