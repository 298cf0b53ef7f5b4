import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** The verdict a gate drill must reach, and the `firedrill run` exit code that carries it. */
export const expectedExit = { passed: 0, failed: 1 } as const;
export type Expectation = keyof typeof expectedExit;

// A bare path is shorthand for { path, expect: passed }.
const entry = z.preprocess(
  (value) => (typeof value === 'string' ? { path: value } : value),
  z.strictObject({
    path: z.string({ error: 'expected the path of a scenario' }).min(1),
    expect: z
      .enum(['passed', 'failed'], {
        error: (issue) => `expected passed or failed, found ${JSON.stringify(issue.input)}`,
      })
      .default('passed'),
  }),
);

const listSchema = z.strictObject({
  drills: z.array(entry).min(1, { error: 'the gate needs at least one drill' }),
});

export interface GateDrill {
  /** Absolute path of the scenario. */
  file: string;
  /** As shown in reports: relative to the working directory. */
  shown: string;
  /** The scenario's `name`: its reports land in `<out>/<name>/`. */
  name: string;
  expect: Expectation;
  /** A `target: { type: kubernetes }` drill: it needs a cluster (see gate-cluster.ts). */
  kubernetes: boolean;
}

export class GateListError extends Error {}

/** Reads the gate list; every problem is reported with the file it is in. */
export function loadGateList(listFile: string): GateDrill[] {
  const where = relative(process.cwd(), listFile) || listFile;
  const parsed = listSchema.safeParse(readYaml(listFile, where));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new GateListError(
      `${where}: not a gate list\n${problems.join('\n')}\n` +
        'expected `drills:` with paths, or { path, expect: passed | failed }',
    );
  }
  return parsed.data.drills.map(({ path, expect }) => {
    const file = resolve(dirname(listFile), path);
    const shown = relative(process.cwd(), file);
    return { file, shown, ...scenarioFacts(file, `${where}: drill ${path}`), expect };
  });
}

function readYaml(file: string, where: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GateListError(`${where}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  try {
    return parse(text, { merge: true });
  } catch (error) {
    throw new GateListError(`${where}: not valid YAML: ${(error as Error).message}`);
  }
}

function scenarioFacts(file: string, where: string): { name: string; kubernetes: boolean } {
  const document = readYaml(file, where) as { name?: unknown; target?: { type?: unknown } } | null;
  if (typeof document?.name !== 'string')
    throw new GateListError(`${where}: the scenario has no name (is it a kind: Drill file?)`);
  return { name: document.name, kubernetes: document.target?.type === 'kubernetes' };
}
