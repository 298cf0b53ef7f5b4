import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandSaid, describeCommandFailure, looksLikeCause } from './exec-error.js';

const postgresDiskFull = [
  '2026-12-07 18:00:01.123 UTC [42] ERROR:  could not extend file "base/16384/16385": No space left on device',
  '2026-12-07 18:00:01.123 UTC [42] HINT:  Check free disk space.',
  '2026-12-07 18:00:01.123 UTC [42] STATEMENT:  insert into ledger values (17)',
].join('\n');

describe('describeCommandFailure', () => {
  it("names PostgreSQL's cause, not only its closing hint, with the exit code", () => {
    const text = describeCommandFailure({ exitCode: 1, stdout: '', stderr: `${postgresDiskFull}\n` });
    expect(text).toBe(
      'exit 1: 2026-12-07 18:00:01.123 UTC [42] ERROR:  could not extend file "base/16384/16385": No space left on device' +
        ' | 2026-12-07 18:00:01.123 UTC [42] HINT:  Check free disk space.' +
        ' | 2026-12-07 18:00:01.123 UTC [42] STATEMENT:  insert into ledger values (17)',
    );
  });

  it('marks the lines left out between the cause and the last lines', () => {
    const stderr = ['starting', 'fatal: could not open /data/db: Permission denied', 'a', 'b', 'c', 'd'].join(
      '\n',
    );
    expect(describeCommandFailure({ exitCode: 2, stdout: '', stderr })).toBe(
      'exit 2: fatal: could not open /data/db: Permission denied … c | d',
    );
  });

  it('shows the last lines alone when they hold the cause, or when nothing looks like one', () => {
    expect(commandSaid({ stdout: '', stderr: 'one\ntwo\nconnection refused\n' })).toBe(
      'two | connection refused',
    );
    expect(commandSaid({ stdout: '', stderr: 'one\ntwo\nthree\n' })).toBe('two | three');
  });

  it('falls back to stdout when stderr is empty, and says only the exit code when both are', () => {
    expect(describeCommandFailure({ exitCode: 3, stdout: 'usage: tool [-x]\n', stderr: '  \n' })).toBe(
      'exit 3: usage: tool [-x]',
    );
    expect(describeCommandFailure({ exitCode: 137, stdout: '', stderr: '' })).toBe('exit 137');
  });

  it('clips a very long line', () => {
    const said = commandSaid({ stdout: '', stderr: `error: ${'x'.repeat(500)}` });
    expect(said).toHaveLength(200);
    expect(said.endsWith('…')).toBe(true);
  });

  it('always fits on one line, keeps the last line and the first error-looking line (property)', () => {
    const noise = fc.string({ maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, ' ').trim());
    const cause = fc.constantFrom(
      'ERROR: disk full',
      'fatal: no',
      'open /x: Permission denied',
      'panic: nil',
    );
    const line = fc.oneof({ arbitrary: noise, weight: 4 }, { arbitrary: cause, weight: 1 });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 4 }), (err, out) => {
        const said = commandSaid({ stderr: err.join('\n'), stdout: out.join('\n') });
        expect(said).not.toMatch(/[\r\n]/);
        const shown = err.some(Boolean) ? err.filter(Boolean) : out.filter(Boolean);
        if (shown.length === 0) {
          expect(said).toBe('');
          return;
        }
        expect(said.endsWith(shown.at(-1)!)).toBe(true);
        const first = shown.find(looksLikeCause);
        if (first) expect(said).toContain(first);
        expect(said.length).toBeLessThanOrEqual(3 * 80 + 6);
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
