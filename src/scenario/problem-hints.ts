import type { z } from 'zod';
import { formatPath, type FieldPath } from './yaml-source.js';

type Issue = z.core.$ZodIssue;

/** The reference page of each top-level field, for problems with no more precise hint. */
const REFERENCE_PAGES: Record<string, string> = {
  target: 'targets',
  faults: 'faults',
  probes: 'probes',
  load: 'load-and-ledger',
  integrity: 'load-and-ledger',
  objectives: 'objectives',
  classes: 'objectives',
  tiers: 'calendar',
};

export function seeReference(path: FieldPath): string {
  const top = String(path[0] ?? '');
  const page = Object.hasOwn(REFERENCE_PAGES, top) ? REFERENCE_PAGES[top] : 'scenario';
  return `see ${path.length > 0 ? `"${formatPath(path)}" in ` : ''}docs/${page}.md`;
}

/** A hint for a message our schemas wrote: theirs (`params.hint`), or one made from the message. */
export function customHint(issue: Issue, input: unknown): string {
  const given = (issue as { params?: { hint?: unknown } }).params?.hint;
  if (typeof given === 'string') return given;
  if (typeof input === 'number' && issue.message.includes('duration'))
    return `add a unit: "${input}s" or "${input}ms"`;
  const expected = /^expected (.+?)(?:, found .*)?$/s.exec(issue.message)?.[1];
  return expected ? `write ${expected}` : seeReference(issue.path as FieldPath);
}
