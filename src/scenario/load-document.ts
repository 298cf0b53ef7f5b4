import type { z } from 'zod';
import { ScenarioError, type ScenarioProblem } from '../common/errors.js';
import { describeValue } from './describe-value.js';
import { schemaProblems } from './issues.js';
import { recordOf } from './finding.js';
import { substituteEnv } from './templates.js';
import { YamlSource } from './yaml-source.js';

export interface DocumentOptions {
  /** Values for `${env.NAME}` (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** The file already parsed (by `validate`, to learn its kind): each file is parsed once. */
  source?: YamlSource;
}

export interface ParsedDocument<T> {
  source: YamlSource;
  /** The plain values after `${env...}` substitution, for checks that span fields. */
  data: unknown;
  /** The schema's output, when the schema accepted the data. */
  value: T | undefined;
  problems: ScenarioProblem[];
}

/**
 * Reads a firedrill document of one `kind` and validates it against its schema. YAML syntax errors
 * and a wrong `kind` are thrown at once (nothing after them would make sense); every other problem
 * is returned, for the caller to add its own checks before throwing them all together.
 */
export async function readDocument<S extends z.ZodType>(
  file: string,
  kind: string,
  schema: S,
  options: DocumentOptions = {},
): Promise<ParsedDocument<z.output<S>>> {
  const source = options.source ?? (await YamlSource.read(file));
  if (Array.isArray(source)) throw new ScenarioError(source);
  if (source.toJS() == null)
    throw new ScenarioError([
      {
        file: source.file,
        line: 1,
        column: 1,
        path: '',
        message: `the file is empty: expected a ${kind} document`,
        hint: `a ${kind} file starts with "apiVersion: firedrill/v1" and "kind: ${kind}"`,
      },
    ]);
  const wrongKind = kindProblem(source, kind);
  if (wrongKind) throw new ScenarioError([wrongKind]);
  const substituted = substituteEnv(source.toJS(), options.env ?? process.env, source);
  const data = substituted.value;
  const result = schema.safeParse(data);
  const problems = [...substituted.problems, ...(result.success ? [] : schemaProblems(schema, data, source))];
  return { source, data, value: result.success ? result.data : undefined, problems };
}

/** A Drill where an Objectives table was expected (or the reverse) gets one clear problem. */
function kindProblem(source: YamlSource, kind: string): ScenarioProblem | undefined {
  const data = source.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const found = recordOf(data).kind;
  if (found === kind) return undefined;
  return {
    file: source.file,
    ...source.locate(['kind']),
    path: 'kind',
    message: found === undefined ? 'missing required field "kind"' : `expected a "${kind}" document`,
    expected: JSON.stringify(kind),
    ...(found !== undefined && { found: describeValue(found) }),
    hint: `a ${kind} file starts with "apiVersion: firedrill/v1" and "kind: ${kind}"`,
  };
}

/** Problems in reading order: file by file (in order of appearance), then line and column. */
export function sortProblems(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  const files = [...new Set(problems.map((p) => p.file))];
  return [...problems].sort(
    (a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.column - b.column,
  );
}
