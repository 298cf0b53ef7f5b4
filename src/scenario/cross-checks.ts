import { probeRoles } from '../probes/probe.js';
import { didYouMean, listOf } from './did-you-mean.js';
import { asArray, recordOf, type Finding } from './finding.js';
import type { FieldPath } from './yaml-source.js';

/**
 * Checks that span fields, run on the plain values (not the parsed drill) so that they are reported
 * together with the schema's problems instead of only once those are fixed.
 */

/** Probe names must be unique: samples, reports and `during` expectations refer to them. */
export function probeNameFindings(data: unknown): Finding[] {
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  asArray(recordOf(data).probes).forEach((probe, i) => {
    const name = recordOf(probe).name;
    if (typeof name !== 'string') return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else {
      findings.push({
        path: ['probes', i, 'name'],
        message: `duplicate probe name "${name}" (already used by probes[${first}])`,
        hint: 'give each probe its own name',
      });
    }
  });
  return findings;
}

/**
 * Objectives need a probe of the role that measures them: TTD comes only from a `detect` probe
 * (never guessed), recovery only from `steady` probes.
 */
export function objectiveRoleFindings(
  data: unknown,
  objectives: unknown,
  objectivesPath: (field: string) => FieldPath,
): Finding[] {
  const probes = asArray(recordOf(data).probes);
  const roles = new Set(probes.map((probe) => recordOf(probe).role));
  if (probes.length === 0 || ![...roles].every((role) => (probeRoles as readonly unknown[]).includes(role)))
    return [];
  const findings: Finding[] = [];
  const given = recordOf(objectives);
  if (given.detect !== undefined && !roles.has('detect')) {
    findings.push({
      path: objectivesPath('detect'),
      message: 'an objective on detect needs a probe with role "detect": time to detect is never guessed',
      hint: "add a probe with `role: detect` (the system's own signal that it noticed), or remove the detect objective",
    });
  }
  findings.push(...objectiveSourceFindings(data, given, objectivesPath));
  if (!roles.has('steady')) {
    findings.push({
      path: ['probes'],
      message: 'no probe has role "steady": recovery is when the steady state holds again',
      hint: 'add a probe with `role: steady` that passes while the system is healthy',
    });
  }
  return findings;
}

/** Objectives measured from the ledger or the load: never guessed without them. */
const objectiveSources = [
  { objective: 'lost_writes', section: 'integrity', what: 'lost writes come from the integrity ledger' },
  { objective: 'rpo', section: 'integrity', what: 'the RPO window comes from the integrity ledger' },
  { objective: 'availability', section: 'load', what: 'availability is measured on the load requests' },
  { objective: 'latency_p99', section: 'load', what: 'latency is measured on the load requests' },
  {
    objective: 'consistent',
    section: 'consistency',
    what: "convergence is judged on the replicas' state that section reads",
  },
] as const;

const sourceHints: Record<(typeof objectiveSources)[number]['section'], string> = {
  integrity:
    'add `integrity: { driver: http, rate: 20/s, write: {...}, read: {...} }`, or remove the objective',
  load: 'add `load: { url: ..., rate: 200/s }` (k6 or the built-in load), or remove the objective',
  consistency:
    'add `consistency: { read: { http: http://${node.host}:${node.port.http}/digest }, agree: true }`, or remove the objective',
};

function objectiveSourceFindings(
  data: unknown,
  given: Record<string, unknown>,
  objectivesPath: (field: string) => FieldPath,
): Finding[] {
  const drill = recordOf(data);
  return objectiveSources
    .filter(({ objective, section }) => given[objective] !== undefined && drill[section] === undefined)
    .map(({ objective, section, what }) => ({
      path: objectivesPath(objective),
      message: `an objective on ${objective} needs \`${section}:\` in the drill: ${what}`,
      expected: `a \`${section}:\` section`,
      found: `no \`${section}:\` section`,
      hint: sourceHints[section],
    }));
}

/** Fault names are unique; `after` names another fault, without cycles. */
export function faultOrderFindings(data: unknown): Finding[] {
  const faults = asArray(recordOf(data).faults).map(recordOf);
  const names = new Map<string, number>();
  const findings: Finding[] = [];
  faults.forEach((fault, i) => {
    if (typeof fault.name !== 'string') return;
    const first = names.get(fault.name);
    if (first === undefined) names.set(fault.name, i);
    else
      findings.push({
        path: ['faults', i, 'name'],
        message: `duplicate fault name "${fault.name}" (already used by faults[${first}])`,
        hint: 'give each fault a name of its own (`after:` refers to faults by name)',
      });
  });
  faults.forEach((fault, i) => {
    if (typeof fault.after !== 'string') return;
    const others = [...names.keys()].filter((name) => name !== fault.name);
    if (fault.after === fault.name) {
      findings.push({
        path: ['faults', i, 'after'],
        message: `fault "${fault.name}" cannot come after itself`,
        hint: 'name an earlier fault in `after:`, or use `at:` to start at an offset',
      });
    } else if (!names.has(fault.after)) {
      findings.push({
        path: ['faults', i, 'after'],
        message: `"after" names no fault: "${fault.after}"`,
        expected:
          others.length > 0 ? `the name of another fault: ${listOf(others)}` : 'the name of another fault',
        found: JSON.stringify(fault.after),
        hint: didYouMean(fault.after, others) ?? 'give the earlier fault a `name:` and use it here',
      });
    } else if (faults[names.get(fault.after) as number]?.duration === undefined) {
      findings.push({
        path: ['faults', i, 'after'],
        message: `"after" waits for "${fault.after}" to be reverted, but it has no duration and stays until the drill ends`,
        hint: `give "${fault.after}" a \`duration:\`, or use \`at:\` alone to start this fault at an offset`,
      });
    } else if (inCycle(faults, i)) {
      findings.push({
        path: ['faults', i, 'after'],
        message: `faults wait for each other in a cycle through "${fault.after}"`,
        hint: 'one fault of the cycle must start with `at:` (or at t0) instead of `after:`',
      });
    }
  });
  return findings;
}

function inCycle(faults: Array<Record<string, unknown>>, start: number): boolean {
  const byName = new Map(faults.map((f, i) => [f.name, i] as const));
  const visited = new Set<number>();
  let current: number | undefined = start;
  while (current !== undefined) {
    if (visited.has(current)) return current === start;
    visited.add(current);
    const after: unknown = faults[current]?.after;
    current = typeof after === 'string' ? byName.get(after) : undefined;
  }
  return false;
}
