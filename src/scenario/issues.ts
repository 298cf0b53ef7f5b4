import type { z } from 'zod';
import type { ScenarioProblem } from '../common/errors.js';
import { didYouMean, listOf } from './did-you-mean.js';
import { asRecord, objectKeys, pickOption, plainUnionPrefix, schemaAt, valueAt } from './schema-walk.js';
import { describeType, describeValue } from './describe-value.js';
import { formatPath, type FieldPath, type Position } from './yaml-source.js';

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

/** Where problems go: the file, and how to turn a field path into a line and column. */
export interface ProblemSite {
  file: string;
  locate(path: FieldPath): Position;
  locateKey(path: FieldPath, key: string): Position;
}

/** What a discriminated union's items are called in messages, by the top-level field holding them. */
const ITEM_LABELS: Record<string, string> = { faults: 'fault', probes: 'probe', target: 'target' };

/** Validates `data` and turns every zod issue into a located, readable problem. */
export function schemaProblems(schema: Schema, data: unknown, site: ProblemSite): ScenarioProblem[] {
  return collectIssues(schema, data, []).flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => unknownKey(key, issue.path as FieldPath, schema, data, site))
      : [toProblem(issue, schema, data, site)],
  );
}

/**
 * The schema's issues with absolute paths. A plain union reports its branches' issues loosely (or
 * only "invalid input"); its value is validated again against the one branch it was meant for.
 */
function collectIssues(schema: Schema, data: unknown, prefix: FieldPath): Issue[] {
  const result = (schema as z.ZodType).safeParse(data, { reportInput: true });
  if (result.success) return [];
  const issues: Issue[] = [];
  const unionsSeen = new Set<string>();
  for (const issue of result.error.issues) {
    const unionPath = plainUnionPrefix(schema, issue.path as FieldPath, data);
    if (!unionPath) {
      issues.push({ ...issue, path: [...prefix, ...issue.path] } as Issue);
      continue;
    }
    const key = JSON.stringify(unionPath);
    if (unionsSeen.has(key)) continue;
    unionsSeen.add(key);
    const value = valueAt(data, unionPath);
    const union = schemaAt(schema, unionPath, data);
    const option = union && pickOption(union, value);
    const inOption = option ? collectIssues(option, value, [...prefix, ...unionPath]) : [];
    // The branch alone may accept the value (a union inside a transform that refused it): keep the issue.
    if (inOption.length > 0) issues.push(...inOption);
    else issues.push({ ...issue, path: [...prefix, ...issue.path] } as Issue);
  }
  return issues;
}

function toProblem(issue: Issue, schema: Schema, data: unknown, site: ProblemSite): ScenarioProblem {
  const path = issue.path as FieldPath;
  const base = { file: site.file, ...site.locate(path), path: formatPath(path) };
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_union':
      return 'discriminator' in issue && typeof issue.discriminator === 'string'
        ? unknownType(path, issue.discriminator, (issue as { options?: unknown[] }).options ?? [], data, site)
        : { ...base, message: issue.message };
    case 'invalid_type': {
      const parent = path.slice(0, -1);
      const key = path.at(-1);
      if (input === undefined && key !== undefined && !hasKey(valueAt(data, parent), key)) {
        return {
          ...base,
          message: `missing required field "${String(key)}"`,
          expected: describeType(issue.expected),
        };
      }
      return custom(issue.message)
        ? { ...base, ...splitFound(issue.message, input), ...durationHint(issue.message, input) }
        : {
            ...base,
            message: 'wrong type',
            expected: describeType(issue.expected),
            found: describeValue(input),
          };
    }
    case 'invalid_value':
      return {
        ...base,
        message: custom(issue.message) ? issue.message : 'value not allowed',
        expected: issue.values.map((v) => JSON.stringify(v)).join(' or '),
        found: describeValue(input),
        ...hintFrom(didYouMean(String(input), issue.values.map(String))),
      };
    case 'too_small':
    case 'too_big':
      return { ...base, ...sizeProblem(issue), found: describeValue(input) };
    default:
      return {
        ...base,
        ...splitFound(custom(issue.message) ? issue.message : `invalid value (${issue.message})`, input),
      };
  }
}

function unknownKey(
  key: string,
  path: FieldPath,
  schema: Schema,
  data: unknown,
  site: ProblemSite,
): ScenarioProblem {
  const known = objectKeys(schemaAt(schema, path, data)) ?? [];
  return {
    file: site.file,
    ...site.locateKey(path, key),
    path: formatPath([...path, key]),
    message: `unknown key "${key}"`,
    expected: `one of ${listOf(known)}`,
    hint: didYouMean(key, known) ?? 'remove it, or check its indentation: it may belong to another mapping',
  };
}

function unknownType(path: FieldPath, field: string, options: unknown[], data: unknown, site: ProblemSite) {
  const owner = path.at(-1) === field ? path.slice(0, -1) : path;
  const label = ITEM_LABELS[String(owner[0])] ?? 'item';
  const value = asRecord(valueAt(data, owner))?.[field];
  const valid = options.map(String);
  const problem = {
    file: site.file,
    path: formatPath([...owner, field]),
    expected: `one of ${listOf(valid)}`,
  };
  if (value === undefined) {
    return {
      ...problem,
      ...site.locate(owner),
      message: `missing required field "${field}" (the ${label} type)`,
    };
  }
  return {
    ...problem,
    ...site.locate([...owner, field]),
    message: `unknown ${label} ${field} ${describeValue(value)}`,
    found: describeValue(value),
    ...hintFrom(didYouMean(String(value), valid)),
  };
}

function sizeProblem(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): {
  message: string;
  expected: string;
} {
  const small = issue.code === 'too_small';
  const limit = Number(
    small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum,
  );
  const bound = `${small ? 'at least' : 'at most'} ${issue.inclusive ? limit : small ? limit + 1 : limit - 1}`;
  const message = (fallback: string): string => (custom(issue.message) ? issue.message : fallback);
  if (issue.origin === 'array') {
    const items = `${bound} item${limit === 1 ? '' : 's'}`;
    return { message: message(`needs ${items}`), expected: items };
  }
  if (issue.origin === 'string')
    return { message: message(`must have ${bound} characters`), expected: `${bound} characters` };
  return { message: message(`must be ${bound}`), expected: bound };
}

/** zod's own messages start this way; ours (from the schemas) are already readable. */
function custom(message: string): boolean {
  return !/^(Invalid|Too (small|big)|Unrecognized)/.test(message);
}

/** Our schemas write "expected X, found Y": keep X as the message, show the value apart. */
function splitFound(message: string, input: unknown): { message: string; found?: string } {
  const cut = message.search(/, found /);
  const text = cut >= 0 ? message.slice(0, cut) : message;
  // A whole mapping or list as "found" says nothing the location does not.
  const scalar = input !== undefined && (input === null || typeof input !== 'object');
  return scalar ? { message: text, found: describeValue(input) } : { message: text };
}

function durationHint(message: string, input: unknown): { hint?: string } {
  return typeof input === 'number' && message.includes('duration')
    ? { hint: `add a unit: "${input}s" or "${input}ms"` }
    : {};
}

function hintFrom(hint: string | undefined): { hint?: string } {
  return hint ? { hint } : {};
}

function hasKey(container: unknown, key: string | number): boolean {
  if (Array.isArray(container)) return typeof key === 'number' && key < container.length;
  return Object.hasOwn(asRecord(container) ?? {}, String(key));
}
