import type { DrillResult } from '../result/index.js';

const statusMark: Record<DrillResult['objectives'][number]['status'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  'not-measured': 'N/M ',
};

/** The objectives table as aligned text: objective | target | measured | status. */
export function objectivesTableText(result: DrillResult): string[] {
  const rows = result.objectives.map((row) => [
    row.objective,
    row.display.target,
    row.display.measured,
    statusMark[row.status],
  ]);
  const header = ['objective', 'target', 'measured', 'status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
