import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed } from '../../test/support/result-arbitrary.js';
import { terminalControls } from '../../test/support/markup-checks.js';
import { terminalLines, terminalText } from './terminal-text.js';

describe('terminalText', () => {
  it('shows escape sequences from the system under test instead of letting them drive the terminal', () => {
    const title = '\u001b]0;owned\u0007';
    const clear = '\u001b[2J\u001b[H';
    expect(terminalText(`HTTP 503 ${title}${clear}\u009b31m`)).toBe(
      'HTTP 503 \\x1b]0;owned\\x07\\x1b[2J\\x1b[H\\x9b31m',
    );
  });

  it('keeps a line on its line: carriage returns, line feeds and bidirectional overrides are shown', () => {
    expect(terminalText('ok\rverdict: PASSED\n\u202etxt')).toBe('ok\\rverdict: PASSED\\n\\u202etxt');
    expect(terminalLines('line 1\nline 2\r\u001b[K')).toBe('line 1\nline 2\\r\\x1b[K');
  });

  it('leaves printable text, accents and emoji alone', () => {
    expect(terminalText('détecté ✅ 2.19s ± 100ms')).toBe('détecté ✅ 2.19s ± 100ms');
  });

  it('never lets a control character through (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(terminalText(text)).not.toMatch(terminalControls);
        expect(terminalLines(text).replace(/\n/g, '')).not.toMatch(terminalControls);
      }),
      { seed: fuzzSeed, numRuns: fuzzRuns(200) },
    );
  });
});
