/**
 * Quoting of values spliced into POSIX shell scripts (`sh -c <script>`), so that a value is always
 * one literal word: `;`, spaces, quotes, `$(...)` and backquotes in it execute nothing.
 *
 * A value may be spliced where the script is unquoted, inside '...' or inside "...": the quoting
 * depends on where it lands, so the script is scanned up to that point.
 */

/** One level of quoting a script can be in at some offset; levels nest (`"$(echo '...')"`). */
export type ShellContext = 'plain' | 'single' | 'double' | 'backquote';

/** `it's` → `'it'\''s'`: one word whatever it holds. */
export function quoteWord(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The value, written so that it reads as itself where the levels `stack` (outermost first) put it. */
export function quoteFor(stack: readonly ShellContext[], value: string): string {
  let text: string;
  switch (stack[stack.length - 1]) {
    case 'single':
      // Close the quote, add the quote character escaped, reopen: 'a'\''b' stays one word.
      text = value.replaceAll("'", `'\\''`);
      break;
    case 'double':
      // Inside "...", only \ $ ` and " are special (and ! in interactive shells, not in sh -c).
      text = value.replace(/[\\$`"]/g, (c) => `\\${c}`);
      break;
    default:
      text = quoteWord(value);
  }
  // `...` strips one level of \ before \ ` $ before its text runs: escape once per level.
  for (const level of stack) if (level === 'backquote') text = text.replace(/[\\`$]/g, (c) => `\\${c}`);
  return text;
}

/**
 * The quoting levels at `offset` of `script`, outermost first. Comments and here-documents are not
 * followed: a value spliced there is quoted as if plain, which is still inert.
 */
export function contextAt(script: string, offset: number): ShellContext[] {
  const stack: ShellContext[] = ['plain'];
  for (let i = 0; i < offset; i++) {
    const c = script[i];
    const here = stack[stack.length - 1];
    if (here === 'single') {
      if (c === "'") stack.pop();
    } else if (c === '\\') {
      i++;
    } else if (c === '`') {
      const end = closingBackquote(script, i + 1);
      if (end < offset) {
        i = end;
        continue;
      }
      // The value lands inside `...`: its text is unescaped once, then read as a script of its own.
      const inner = script
        .slice(i + 1, offset)
        .replace(here === 'double' ? /\\([\\`$"])/g : /\\([\\`$])/g, '$1');
      return [...stack, 'backquote', ...contextAt(inner, inner.length)];
    } else if (c === '$' && script[i + 1] === '(') {
      stack.push('plain');
      i++;
    } else if (c === ')' && here === 'plain' && stack.length > 1) {
      stack.pop();
    } else if (c === '"') {
      if (here === 'double') stack.pop();
      else stack.push('double');
    } else if (c === "'" && here !== 'double') {
      stack.push('single');
    }
  }
  return stack;
}

/** Index of the backquote closing one opened just before `from` (the first one not escaped). */
function closingBackquote(script: string, from: number): number {
  for (let i = from; i < script.length; i++) {
    if (script[i] === '\\') i++;
    else if (script[i] === '`') return i;
  }
  return script.length;
}

/** Replaces each `match` of `pattern` in a shell script by its value, quoted for where it lands. */
export function spliceQuoted(
  script: string,
  pattern: RegExp,
  valueOf: (match: string, ...groups: string[]) => string | undefined,
): string {
  return script.replace(pattern, (...args: unknown[]) => {
    const match = args[0] as string;
    const groups = args.slice(1).filter((a): a is string => typeof a === 'string');
    const offset = args.find((a, i) => i > 0 && typeof a === 'number') as number;
    const value = valueOf(match, ...groups);
    return value === undefined ? match : quoteFor(contextAt(script, offset), value);
  });
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox']);

/**
 * Which element of a command list is a shell script: `[sh, -c, <script>, ...]` (also `bash -ec`,
 * `/bin/sh -c`). Undefined when the list is a plain program and its arguments.
 */
export function scriptIndex(argv: readonly unknown[]): number | undefined {
  const program = typeof argv[0] === 'string' ? argv[0].split('/').pop()! : '';
  if (!SHELLS.has(program)) return undefined;
  const start = program === 'busybox' ? 2 : 1;
  if (program === 'busybox' && argv[1] !== 'sh') return undefined;
  for (let i = start; i < argv.length; i++) {
    const arg = argv[i];
    if (typeof arg !== 'string' || !arg.startsWith('-')) return undefined;
    if (/^-[a-z]*c[a-z]*$/i.test(arg)) return i + 1 < argv.length ? i + 1 : undefined;
  }
  return undefined;
}
