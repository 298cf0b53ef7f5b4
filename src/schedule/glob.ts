import { readdir, stat } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';

// Node 20's fs.glob does not exist yet and path.matchesGlob warns that it is experimental.

const MAGIC = /[*?[{]/;

/** `*` and `?` stay within a path segment, `**` spans segments, `{a,b}` and `[abc]` choose. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      source += slashAfter ? '(?:[^/]+/)*' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) source += '\\{';
      else {
        const options = pattern.slice(i + 1, end).split(',');
        source += `(?:${options.map((o) => globToRegExp(o).source.slice(1, -1)).join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else source += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Why a pattern cannot be used (a range written backwards, `[z-a]`, makes no regular expression),
 * or undefined when it can: checked at validate, so that `schedule --list` never meets it.
 */
export function globProblem(pattern: string): string | undefined {
  try {
    globToRegExp(pattern.replace(/\\/g, '/'));
    return undefined;
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? error.message.replace(/^Invalid regular expression: /, '')
        : String(error);
    return `not a usable glob: ${reason}`;
  }
}

/** The files a path or glob names, relative to `baseDir`: absolute paths, sorted. */
export async function expandGlob(baseDir: string, pattern: string): Promise<string[]> {
  const normalized = pattern.replace(/\\/g, '/');
  if (!MAGIC.test(normalized)) {
    const file = resolve(baseDir, normalized);
    return (await isFile(file)) ? [file] : [];
  }
  // Walk from the part without wildcards; match the rest segment by segment.
  const segments = normalized.split('/');
  const firstMagic = segments.findIndex((s) => MAGIC.test(s));
  const root = resolve(baseDir, segments.slice(0, firstMagic).join('/') || '.');
  const rest = segments.slice(firstMagic).join('/');
  const regex = globToRegExp(rest);
  const maxDepth = rest.includes('**') ? Infinity : segments.length - firstMagic;
  const found: string[] = [];
  await walk(root, '', maxDepth, async (relative, full) => {
    if (regex.test(relative)) found.push(full);
  });
  return found.sort();
}

async function walk(
  dir: string,
  prefix: string,
  depthLeft: number,
  visit: (relative: string, full: string) => Promise<void>,
): Promise<void> {
  if (depthLeft <= 0) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // A directory that does not exist matches nothing.
  }
  for (const entry of entries) {
    // Wildcards skip hidden entries and dependencies, as shells and most glob libraries do.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const relative = prefix ? posix.join(prefix, entry.name) : entry.name;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, relative, depthLeft - 1, visit);
    else if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(full)))) await visit(relative, full);
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
