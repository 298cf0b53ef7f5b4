import type { z } from 'zod';

/** `objectives[0].status`, as the scenario errors name fields. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

const shownChars = 60;

/** The value found at a field, short: `"great"`, `12`, `an object`, `nothing`. */
function foundText(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const json = JSON.stringify(value);
  return json.length > shownChars ? `${json.slice(0, shownChars - 1)}…` : json;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What the schema wanted, in the words of zod's message without its prefix. */
function expectedText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator)
    return `a known ${String(issue.discriminator)}`;
  const text = issue.message.replace(/^Invalid (input|option): /, '').replace(/,? ?received .*$/, '');
  return text.startsWith('expected') || text.startsWith('Too') ? text : `expected ${text}`;
}

/**
 * The first problem of a result.json: `objectives[0].status: expected one of "passed"|"failed"|...,
 * found "great"`. The field path leads to the value, which is quoted as found.
 */
export function resultIssueText(issues: readonly z.core.$ZodIssue[], json: unknown): string {
  const issue = issues[0] as z.core.$ZodIssue;
  const discriminator =
    issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator
      ? [String(issue.discriminator)]
      : [];
  const path = [...issue.path, ...discriminator];
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'})` : '';
  return `${fieldPath(path)}: ${expectedText(issue)}, found ${foundText(valueAt(json, path))}${more}`;
}
