import type { z } from 'zod';
import { ScenarioError, type ScenarioProblem } from '../common/errors.js';
import { didYouMean, listOf } from './did-you-mean.js';
import { drillSchema } from './drill-schema.js';
import { recordOf } from './finding.js';
import { describeValue } from './describe-value.js';
import { loadScenario } from './load.js';
import { loadObjectivesTable } from './load-objectives.js';
import { objectivesTableSchema } from './objectives.js';
import { YamlSource } from './yaml-source.js';
import { loadSchedule } from '../schedule/load-schedule.js';
import { scheduleSchema } from '../schedule/schedule-schema.js';

/** A kind of firedrill document: its schema (for the JSON Schema) and how to check a file of it. */
export interface DocumentKind {
  readonly schema: z.ZodType;
  /** Resolves when the file is valid; throws a ScenarioError otherwise. `source` is the file, parsed. */
  check(file: string, source: YamlSource): Promise<unknown>;
}

/** Every document kind, by its `kind:` value. */
export const documentKinds = {
  Drill: { schema: drillSchema, check: (file, source) => loadScenario(file, { source }) },
  Objectives: {
    schema: objectivesTableSchema,
    check: (file, source) => loadObjectivesTable(file, { source }),
  },
  Schedule: { schema: scheduleSchema, check: (file, source) => loadSchedule(file, { source }) },
} satisfies Record<string, DocumentKind>;

export type DocumentKindName = keyof typeof documentKinds;

/** Checks a file of any kind; the problems found, none when it is valid. */
export async function validateFile(file: string): Promise<ScenarioProblem[]> {
  const source = await YamlSource.read(file);
  if (Array.isArray(source)) return source;
  const kinds = Object.keys(documentKinds);
  const kind = recordOf(source.toJS()).kind;
  if (typeof kind !== 'string' || !Object.hasOwn(documentKinds, kind)) {
    const problem: ScenarioProblem = {
      file: source.file,
      ...source.locate(['kind']),
      path: 'kind',
      message: kind === undefined ? 'missing required field "kind"' : 'unknown document kind',
      expected: `one of ${listOf(kinds)}`,
      ...(kind !== undefined && { found: describeValue(kind) }),
      hint:
        (typeof kind === 'string' && didYouMean(kind, kinds)) ||
        'a firedrill file starts with "apiVersion: firedrill/v1" and its "kind:"',
    };
    return [problem];
  }
  try {
    await documentKinds[kind as DocumentKindName].check(file, source);
    return [];
  } catch (error) {
    if (error instanceof ScenarioError) return [...error.problems];
    throw error;
  }
}
