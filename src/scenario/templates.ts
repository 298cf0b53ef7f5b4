import { ScenarioError, type ScenarioProblem } from '../common/errors.js';
import type { TemplateValues } from '../targets/target.js';
import { closeMatches, listOf } from './did-you-mean.js';
import { shellAwareEncoder } from './shell-fields.js';
import { formatPath, type FieldPath, type Position } from './yaml-source.js';

/** `${nodes.web.port.8080}`: the reference is what stands between the braces. */
const TEMPLATE = /\$\{([^}]*)\}/g;
/** `${run.dir}`: the run directory, known from the start of a run. */
export const RUN_DIR_REF = 'run.dir';
/** Prefixes the engine resolves once the target is up; anything else (`${HOME}`) is left alone. */
const RUNTIME_PREFIXES = ['nodes.', 'links.', 'run.'];

/** Applies `fn` to every string inside a parsed value, passing its field path; returns a copy. */
export function mapStrings(
  value: unknown,
  fn: (text: string, path: FieldPath) => string,
  path: FieldPath = [],
): unknown {
  if (typeof value === 'string') return fn(value, path);
  if (Array.isArray(value)) return value.map((item, i) => mapStrings(item, fn, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn, [...path, k])]));
  }
  return value;
}

/** Every `${...}` reference in a parsed value, with where it is. */
export function templateReferences(value: unknown): Array<{ ref: string; path: FieldPath }> {
  const found: Array<{ ref: string; path: FieldPath }> = [];
  mapStrings(value, (text, path) => {
    for (const match of text.matchAll(TEMPLATE)) found.push({ ref: match[1]!.trim(), path });
    return text;
  });
  return found;
}

/** A problem found where the path is only known as data: the caller says how to place it. */
export type Locate = (path: FieldPath) => Position;

/** `env.NAME` or `env.NAME:-default` (the shell's form): the variable and its default, if any. */
const ENV_REF = /^env\.([^:]+?)(?::-(.*))?$/s;

/**
 * The value of `${env.NAME}` / `${env.NAME:-default}`: the variable when set (own keys only, so
 * `${env.constructor}` is not Object's), else the default; undefined when neither exists.
 */
export function envValue(
  ref: string,
  env: NodeJS.ProcessEnv,
): { name: string; value: string | undefined } | undefined {
  const match = ENV_REF.exec(ref);
  if (!match) return undefined;
  const name = match[1]!.trim();
  const set = Object.hasOwn(env, name) ? env[name] : undefined;
  // As in the shell, `:-` also replaces a variable that is set but empty.
  const fallback = match[2];
  return { name, value: fallback !== undefined && !set ? fallback : set };
}

/**
 * Replaces `${env.NAME}` by the variable's value at load time, or `${env.NAME:-default}` by its
 * default when unset. An unset variable without a default is a problem (an empty string in its place
 * would make a drill fail for a reason nobody sees).
 */
export function substituteEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  where: { file: string; locate: Locate },
): { value: unknown; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  const encode = shellAwareEncoder(value);
  const result = mapStrings(value, (text, path) =>
    text.replace(TEMPLATE, (whole, ref: string, offset: number) => {
      const found = envValue(ref.trimStart(), env);
      if (found === undefined) return whole;
      if (found.value !== undefined) return encode(path, text, offset, found.value);
      problems.push({
        file: where.file,
        ...where.locate(path),
        path: formatPath(path),
        message: `environment variable ${found.name} is not set`,
        found: whole,
        hint: `export ${found.name}=... before running firedrill, or give a default: \${env.${found.name}:-value}`,
      });
      return whole;
    }),
  );
  return { value: result, problems };
}

export interface TemplateSource {
  file: string;
  locate: Locate;
  /** Where `value` sits in the scenario, e.g. `['probes', 0]`, so problems carry the full path. */
  path?: FieldPath;
}

/**
 * Resolves `${nodes.<n>.host}`, `${nodes.<n>.port.<p>}`, `${links.<l>.host|port}` in every string of
 * a parsed config, from the values the started target provides. Throws a ScenarioError listing
 * every reference that has no value, with the close matches.
 */
export function resolveTemplates<T>(value: T, values: TemplateValues, source?: TemplateSource): T {
  const problems: ScenarioProblem[] = [];
  const base = source?.path ?? [];
  const encode = shellAwareEncoder(value, base);
  const result = mapStrings(value, (text, path) =>
    text.replace(TEMPLATE, (whole, raw: string, offset: number) => {
      const ref = raw.trim();
      if (Object.hasOwn(values, ref)) return encode(path, text, offset, values[ref]!);
      if (!RUNTIME_PREFIXES.some((prefix) => ref.startsWith(prefix))) return whole;
      const full = [...base, ...path];
      const close = closeMatches(ref, Object.keys(values));
      problems.push({
        file: source?.file ?? '<scenario>',
        ...(source?.locate(full) ?? { line: 1, column: 1 }),
        path: formatPath(full),
        message: `unknown template value ${whole}`,
        expected: `one of ${listOf(Object.keys(values).map((k) => `\${${k}}`))}`,
        found: whole,
        hint:
          close.length > 0
            ? `did you mean ${close.map((c) => `\${${c}}`).join(' or ')}?`
            : 'use one of the values listed under "expected"',
      });
      return whole;
    }),
  );
  if (problems.length > 0) throw new ScenarioError(problems);
  return result as T;
}
