import { formatDuration, parseDuration } from '../common/duration.js';
import { asArray, recordOf, type Finding } from './finding.js';
import type { FieldPath } from './yaml-source.js';

const ms = (value: unknown, fallback: number): number =>
  typeof value === 'string'
    ? (parseDuration(value) ?? fallback)
    : typeof value === 'number'
      ? value
      : fallback;

/**
 * `objectives.soak` judges a long fault window by window, so: its availability needs a load, its
 * `during` needs a during probe, and the recover timeout must outlast every timed fault, or the
 * recovery watch would end the drill (and revert the fault) before the soak was held.
 */
export function soakFindings(
  data: unknown,
  objectives: unknown,
  objectivesPath: (field: string) => FieldPath,
): Finding[] {
  const drill = recordOf(data);
  const soak = recordOf(recordOf(objectives).soak);
  if (recordOf(objectives).soak === undefined) return [];
  const findings: Finding[] = [];
  if (soak.availability !== undefined && drill.load === undefined)
    findings.push({
      path: objectivesPath('soak'),
      message: 'soak.availability needs a load: availability is measured on the load requests',
      hint: 'add a `load:` section, or remove soak.availability',
    });
  const roles = asArray(drill.probes).map((p) => recordOf(p).role);
  if (soak.during !== undefined && !roles.includes('during'))
    findings.push({
      path: objectivesPath('soak'),
      message: 'soak.during needs a probe with role "during": it judges their samples window by window',
      hint: 'add a probe with `role: during` (what must hold, or be refused, while the fault is held)',
    });
  const recover = ms(recordOf(drill.timeouts).recover, 60_000);
  const faults = asArray(drill.faults)
    .map(recordOf)
    .filter((f) => f.after === undefined);
  // The recover timeout runs from t0, the first fault's effect.
  const first = Math.min(...faults.map((f) => ms(f.at, 0)));
  const held = faults
    .filter((f) => f.duration !== undefined)
    .map((f) => ms(f.at, 0) + ms(f.duration, 0) - first);
  const longest = Math.max(0, ...held);
  if (longest > recover)
    findings.push({
      path: ['timeouts', 'recover'],
      message: `a fault is held until t0 + ${formatDuration(longest)} but timeouts.recover is ${formatDuration(recover)}: the recovery watch would end the soak early`,
      expected: `at least ${formatDuration(longest)}`,
      found: formatDuration(recover),
      hint: 'set timeouts.recover to the fault duration plus the time recovery may take after it',
    });
  return findings;
}
