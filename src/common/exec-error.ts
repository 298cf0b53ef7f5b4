/** What a command left behind: enough to say why it failed. */
export interface CommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * A line that states a cause rather than advice or context. Programs often end with a hint
 * (PostgreSQL: `HINT: Check free disk space.`) after the line that names the cause
 * (`could not extend file ...: No space left on device`): the last line alone hides it.
 */
const CAUSE =
  /error|fatal|panic|could not|couldn't|cannot|can't|unable to|no space|denied|refused|no such|not found|killed|out of memory/i;

/** Lines kept from the end of the output, after the first cause line. */
const TAIL_LINES = 2;
/** Each line is clipped to this many characters: a message stays readable. */
const MAX_LINE = 200;

/**
 * The part of a failed command's output that names the cause, on one line: the first
 * error-looking line (when the last lines do not already hold it), then the last lines. stderr
 * when it has anything, else stdout. Empty when the command printed nothing.
 */
export function commandSaid(output: Pick<CommandOutput, 'stdout' | 'stderr'>): string {
  const stderr = meaningfulLines(output.stderr);
  const lines = stderr.length > 0 ? stderr : meaningfulLines(output.stdout);
  if (lines.length === 0) return '';
  const tailStart = Math.max(0, lines.length - TAIL_LINES);
  const tail = lines.slice(tailStart);
  const cause = lines.findIndex(looksLikeCause);
  if (cause < 0 || cause >= tailStart) return tail.join(' | ');
  const gap = cause < tailStart - 1 ? ' … ' : ' | ';
  return `${lines[cause]}${gap}${tail.join(' | ')}`;
}

/** True for a line that names what went wrong (`ERROR:`, `could not`, `Permission denied`...). */
export function looksLikeCause(line: string): boolean {
  return CAUSE.test(line);
}

/** `exit 1: could not extend file ...: No space left on device … HINT: Check free disk space.` */
export function describeCommandFailure(output: CommandOutput): string {
  const said = commandSaid(output);
  return `exit ${output.exitCode}${said ? `: ${said}` : ''}`;
}

function meaningfulLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line));
}
