import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ScenarioError, type ScenarioProblem } from '../common/errors.js';
import { didYouMean, listOf } from './did-you-mean.js';
import { placeFindings, recordOf, type Finding } from './finding.js';
import { readDocument, sortProblems, type DocumentOptions } from './load-document.js';
import {
  classObjectives,
  objectivesTableSchema,
  type Objectives,
  type ObjectivesTable,
} from './objectives.js';

/** Loads a `kind: Objectives` file; throws a ScenarioError pointing into it. */
export async function loadObjectivesTable(
  file: string,
  options: DocumentOptions = {},
): Promise<ObjectivesTable> {
  const { source, data, value, problems } = await readDocument(
    file,
    'Objectives',
    objectivesTableSchema,
    options,
  );
  // A field the schema already rejected is not reported twice.
  const flagged = new Set(problems.map((p) => p.path));
  problems.push(...placeFindings(classFindings(data), source).filter((p) => !flagged.has(p.path)));
  if (problems.length > 0 || !value) throw new ScenarioError(sortProblems(problems));
  return value;
}

export interface ObjectivesResolution {
  objectives: Objectives | undefined;
  /** Problems inside the table file. */
  problems: ScenarioProblem[];
  /** Problems with the reference itself, to be placed in the scenario file. */
  findings: Finding[];
}

/**
 * Resolves `objectives: {table, class}` (the table path relative to the scenario's directory).
 * Problems inside the table point into the table; a missing table or class points at the
 * scenario's own field.
 */
export async function resolveObjectivesRef(
  ref: { table: string; class: string },
  baseDir: string,
  options: DocumentOptions = {},
): Promise<ObjectivesResolution> {
  const file = resolve(baseDir, ref.table);
  if (!(await exists(file))) {
    const finding: Finding = {
      path: ['objectives', 'table'],
      message: `objectives table not found: ${file}`,
      found: JSON.stringify(ref.table),
      hint: "the path is relative to this scenario file's directory",
    };
    return { objectives: undefined, problems: [], findings: [finding] };
  }
  let table: ObjectivesTable;
  try {
    // The scenario's own parsed source must not stand in for the table's.
    table = await loadObjectivesTable(file, { ...(options.env && { env: options.env }) });
  } catch (error) {
    if (error instanceof ScenarioError)
      return { objectives: undefined, problems: [...error.problems], findings: [] };
    throw error;
  }
  // Own keys only: a class named "constructor" or "toString" must not find Object.prototype's.
  const found = Object.hasOwn(table.classes, ref.class) ? table.classes[ref.class] : undefined;
  const objectives = found && classObjectives(found);
  if (objectives) return { objectives, problems: [], findings: [] };
  const classes = Object.keys(table.classes);
  const finding: Finding = {
    path: ['objectives', 'class'],
    message: `no class "${ref.class}" in objectives table ${ref.table}`,
    expected: `one of ${listOf(classes)}`,
    found: JSON.stringify(ref.class),
    hint: didYouMean(ref.class, classes) ?? `use one of the classes the table defines: ${listOf(classes)}`,
  };
  return { objectives: undefined, problems: [], findings: [finding] };
}

/** The `{table, class}` reference in a scenario's raw data, when that is what it holds. */
export function objectivesRef(data: unknown): { table: string; class: string } | undefined {
  const objectives = recordOf(recordOf(data).objectives);
  const { table, class: name } = objectives;
  return typeof table === 'string' && typeof name === 'string' ? { table, class: name } : undefined;
}

/** Data objectives: a class with one of them protects data, and may say which (`protects`). */
const dataObjectives = ['lost_writes', 'rpo'];

/**
 * What the schema cannot see field by field: a claim on an objective the class has no target for
 * (the status table would have nothing to hold the measurements against), and `protects` on a
 * class without a data objective (nothing would measure the data it names).
 */
export function classFindings(data: unknown): Finding[] {
  const findings: Finding[] = [];
  for (const [name, value] of Object.entries(recordOf(recordOf(data).classes))) {
    const objectiveClass = recordOf(value);
    const targets = Object.keys(objectiveClass).filter((key) => !['name', 'protects', 'claim'].includes(key));
    for (const key of Object.keys(recordOf(objectiveClass.claim))) {
      if (targets.includes(key)) continue;
      findings.push({
        path: ['classes', name, 'claim', key],
        message: `a claim on "${key}" needs a target for it in the class`,
        expected: targets.length > 0 ? `a claim on one of ${listOf(targets)}` : 'a target beside the claim',
        found: JSON.stringify(key),
        hint: `add "${key}: <target>" to class ${name} (the claim is checked beside its target), or drop the claim`,
      });
    }
    if (objectiveClass.protects !== undefined && !targets.some((key) => dataObjectives.includes(key)))
      findings.push({
        path: ['classes', name, 'protects'],
        message: `class ${name} protects data but has no data objective`,
        expected: 'lost_writes or rpo in the class',
        found: `objectives ${listOf(targets)}`,
        hint: 'add lost_writes or rpo (what measures the data it protects), or drop protects',
      });
  }
  return findings;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
