// C0 controls (ESC starts every CSI/OSC sequence: clear screen, window title, cursor moves), DEL,
// C1 controls (0x9b is a one-byte CSI to some terminals) and the bidirectional overrides that can
// make a line read differently from what it holds.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the same, sparing the line feed
const controlsButNewline = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return named[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
}

/**
 * Text from the system under test or a result file, safe to print on a terminal: every control
 * character is shown as an escape (`\x1b`, `\r`, `\u202e`), so it can neither drive the terminal
 * nor forge a line. The one place where firedrill neutralises what it prints.
 */
export function terminalText(text: string): string {
  return text.replace(controls, visible);
}

/** The same, keeping line feeds: for messages of several lines that firedrill itself composed. */
export function terminalLines(text: string): string {
  return text.replace(controlsButNewline, visible);
}
