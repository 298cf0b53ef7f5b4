import { UsageError } from '../common/errors.js';
import { rowStatuses, type RowStatus, type StatusReport, type StatusRow } from './status-report.js';

/** The statuses `--fail-on` accepts, as the user writes them. */
export const failOnNames = [
  'untested',
  'stale',
  'failed',
  'claim-broken',
] as const satisfies readonly RowStatus[];

/** `untested,stale` → the statuses; a name that is none of them is a usage error. */
export function parseFailOn(text: string): RowStatus[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const name of names)
    if (!(failOnNames as readonly string[]).includes(name))
      throw new UsageError(`--fail-on: unknown status "${name}"`, {
        hint: `use a comma-separated list of ${failOnNames.join(', ')}`,
      });
  return rowStatuses.filter((s) => names.includes(s));
}

/** The rows that have one of the statuses (any that applies, not only the shown one). */
export function gateRows(report: StatusReport, failOn: readonly RowStatus[]): StatusRow[] {
  return [...report.rto, ...report.rpo].filter((row) => row.conditions.some((c) => failOn.includes(c)));
}
