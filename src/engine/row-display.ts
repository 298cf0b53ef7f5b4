import { formatDuration } from '../common/duration.js';
import type { ObjectiveRow } from './measure/index.js';

export interface RowDisplay {
  target: string;
  measured: string;
}

/** The words every report shows for a row: `<= 5.00s` and `1.23s ± 100ms`, `> 60.0s`, `not measured`. */
export function displayRow(row: ObjectiveRow): RowDisplay {
  const comparison = row.comparison === '<=' ? '<=' : '>=';
  return { target: `${comparison} ${render(row.unit, row.target)}`, measured: renderMeasured(row) };
}

function renderMeasured(row: ObjectiveRow): string {
  if (row.measured === null) return 'not measured';
  if (row.exceeded) return `> ${render(row.unit, row.measured)}`;
  const value = render(row.unit, row.measured);
  return row.resolutionMs !== undefined ? `${value} ± ${formatDuration(row.resolutionMs)}` : value;
}

function render(unit: ObjectiveRow['unit'], value: number): string {
  if (unit === 'ms') return formatDuration(value);
  if (unit === 'fraction') return `${(value * 100).toFixed(2)}%`;
  return String(value);
}
