import { dirname, resolve } from 'node:path';
import { ScenarioError } from '../common/errors.js';
import { faultOrderFindings, objectiveRoleFindings, probeNameFindings } from './cross-checks.js';
import { recoverySignalFindings } from './recovery-signal-checks.js';
import { soakFindings } from './soak-checks.js';
import { buildDrillSchema, drillSchema, type Drill, type ScenarioRegistries } from './drill-schema.js';
import { placeFindings, recordOf } from './finding.js';
import { readDocument, sortProblems, type DocumentOptions } from './load-document.js';
import { objectivesRef, resolveObjectivesRef } from './load-objectives.js';
import { linkFindings } from './link-checks.js';
import { nodeNameFindings, templateFindings } from './node-checks.js';
import { consistencyFindings } from './consistency-checks.js';
import type { Objectives } from './objectives.js';
import { resourceFaultFindings } from './resource-checks.js';
import { startOrderFindings } from './start-order-checks.js';
import { manifestFileFindings } from '../targets/kubernetes/manifest-checks.js';
import type { Locate } from './templates.js';

export interface LoadOptions extends DocumentOptions {
  /** The kinds the scenario may name (default: the real registries). */
  registries?: ScenarioRegistries;
}

export interface LoadedScenario {
  drill: Drill;
  /** The scenario file, as given. */
  file: string;
  /** Its directory: relative paths in the scenario resolve against it. */
  baseDir: string;
  /** Line and column of a field, for problems found later (e.g. by resolveTemplates). */
  locate: Locate;
}

/**
 * Loads a `kind: Drill` file: the schema, the objectives table it references, and the checks that
 * span fields. Throws one ScenarioError listing every problem, each located in its file.
 */
export async function loadScenario(file: string, options: LoadOptions = {}): Promise<LoadedScenario> {
  const schema = options.registries ? buildDrillSchema(options.registries) : drillSchema;
  const baseDir = dirname(resolve(file));
  const { source, data, value, problems } = await readDocument(file, 'Drill', schema, options);

  const ref = objectivesRef(data);
  // Inline objectives are checked as written; their parsed form comes with the drill.
  let objectives: unknown = recordOf(data).objectives;
  let tableObjectives: Objectives | undefined;
  if (ref) {
    const resolved = await resolveObjectivesRef(ref, baseDir, options);
    objectives = tableObjectives = resolved.objectives;
    problems.push(...resolved.problems, ...placeFindings(resolved.findings, source));
  }
  const objectivesPath = (field: string) => (ref ? ['objectives', 'class'] : ['objectives', field]);
  const findings = [
    ...probeNameFindings(data),
    ...(objectives ? objectiveRoleFindings(data, objectives, objectivesPath) : []),
    ...(objectives ? soakFindings(data, objectives, objectivesPath) : []),
    ...faultOrderFindings(data),
    ...recoverySignalFindings(data),
    ...nodeNameFindings(data),
    ...consistencyFindings(data),
    ...templateFindings(data),
    ...linkFindings(data),
    ...startOrderFindings(data),
    ...resourceFaultFindings(data, baseDir),
    ...manifestFileFindings(data, baseDir),
  ];
  // A field the schema already complained about (plugins check some of the same things) gets one problem.
  const flagged = new Set(problems.map((p) => `${p.file}\0${p.path}`));
  problems.push(...placeFindings(findings, source).filter((p) => !flagged.has(`${p.file}\0${p.path}`)));

  const resolvedObjectives = ref ? tableObjectives : (value?.objectives as Objectives | undefined);
  if (problems.length > 0 || !value || !resolvedObjectives) throw new ScenarioError(sortProblems(problems));
  const drill = { ...value, objectives: resolvedObjectives, ...(ref && { objectivesFrom: ref }) } as Drill;
  return { drill, file, baseDir, locate: (path) => source.locate(path) };
}
