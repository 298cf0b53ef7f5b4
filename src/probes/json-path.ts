import { z } from 'zod';

/** One step of a JSON path: an object key or an array index (negative counts from the end). */
export type JsonPathStep = { key: string } | { index: number };

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(-?\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\])/;

/**
 * Parses the small JSONPath subset a probe needs: `$`, `.name`, `[0]`, `[-1]`, `['odd key']`.
 * Returns the steps, or why the path is not one (no wildcards, filters or recursion: a probe
 * checks one value).
 */
export function parseJsonPath(path: string): JsonPathStep[] | { error: string } {
  if (!path.startsWith('$')) return { error: 'a JSON path starts with $, e.g. $.status or $.nodes[0].role' };
  const steps: JsonPathStep[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (!match) {
      return {
        error: `unexpected "${rest}" in ${path}: use .name, [0] or ['name'] (wildcards and filters are not supported)`,
      };
    }
    const [whole, dotted, index, single, double] = match;
    if (index !== undefined) steps.push({ index: Number(index) });
    else steps.push({ key: (dotted ?? single ?? double ?? '').replace(/\\(.)/g, '$1') });
    rest = rest.slice(whole.length);
  }
  return steps;
}

export type JsonPathResult = { found: true; value: unknown } | { found: false; missing: string };

/** The value at `steps` in a parsed JSON document, or the first part of the path that is missing. */
export function selectJsonPath(document: unknown, steps: readonly JsonPathStep[]): JsonPathResult {
  let current = document;
  let walked = '$';
  for (const step of steps) {
    if ('index' in step) {
      walked += `[${step.index}]`;
      if (!Array.isArray(current)) return { found: false, missing: walked };
      const at = step.index < 0 ? current.length + step.index : step.index;
      if (at < 0 || at >= current.length) return { found: false, missing: walked };
      current = current[at];
    } else {
      walked += /^[A-Za-z_$][\w$-]*$/.test(step.key) ? `.${step.key}` : `['${step.key}']`;
      if (current === null || typeof current !== 'object' || Array.isArray(current))
        return { found: false, missing: walked };
      if (!Object.hasOwn(current, step.key)) return { found: false, missing: walked };
      current = (current as Record<string, unknown>)[step.key];
    }
  }
  return { found: true, value: current };
}

/** A JSON path field of a scenario: checked when the scenario is validated, not mid-drill. */
export const jsonPath = z.string().superRefine((text, ctx) => {
  const parsed = parseJsonPath(text);
  if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
});

/** How a selected value shows in a detail or a regex test: strings as they are, the rest as JSON. */
export function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
