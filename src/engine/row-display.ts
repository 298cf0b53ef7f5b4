import { formatDuration } from '../common/duration.js';
import { abortedText } from '../result/aborted-text.js';
import type { ObjectiveRow, RowDisplay } from '../result/index.js';

export type { RowDisplay };

/**
 * The words every report shows for a row: `<= 5.00s` and `1.23s ± 100ms (load)` (the signal that
 * marked it), `> 60.0s`,
 * `not measured`, `not measured (aborted at +0.50s)`.
 */
export function displayRow(row: ObjectiveRow): RowDisplay {
  const comparison = row.comparison === '<=' ? '<=' : '>=';
  return { target: `${comparison} ${render(row.unit, row.target)}`, measured: renderMeasured(row) };
}

function renderMeasured(row: ObjectiveRow): string {
  if (row.measured === null)
    return row.abortedAtMs === undefined ? 'not measured' : abortedText(row.abortedAtMs);
  if (row.exceeded) return `> ${render(row.unit, row.measured)}${divergentText(row)}`;
  const value = render(row.unit, row.measured);
  const bound = row.resolution !== undefined ? `${value} ± ${formatDuration(row.resolution.ms)}` : value;
  return row.signal !== undefined ? `${bound} (${row.signal})` : bound;
}

/** A `consistent` row that failed names the replicas that differ: ` (n3 differs)`. */
function divergentText(row: ObjectiveRow): string {
  const nodes = Object.keys(row.divergent ?? {});
  if (nodes.length === 0) return '';
  return ` (${nodes.join(', ')} ${nodes.length === 1 ? 'differs' : 'differ'})`;
}

function render(unit: ObjectiveRow['unit'], value: number): string {
  if (unit === 'ms') return formatDuration(value);
  if (unit === 'fraction') return `${(value * 100).toFixed(2)}%`;
  return String(value);
}
