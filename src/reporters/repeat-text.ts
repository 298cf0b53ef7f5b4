import { formatDuration } from '../common/duration.js';
import type { DrillResult } from '../result/index.js';
import type { RepeatedMeasurement } from '../result/index.js';

const timeRows = [
  ['TTD', 'detect'],
  ['TTR', 'recover'],
  ['after detection', 'recoveryAfterDetection'],
  ['RPO window', 'rpo'],
] as const;

/** `repeat: N`: each measurement as min / p50 / p95 / max over the iterations, never a mean. */
export function repeatTableText(result: DrillResult): string[] {
  const repeat = result.repeat;
  if (!repeat) return [];
  const lines = [`over ${repeat.runs} iterations      min      p50      p95      max`];
  for (const [label, key] of timeRows) {
    const line = distributionLine(label, repeat[key], formatDuration);
    if (line) lines.push(line);
  }
  const lost = distributionLine('lost writes', repeat.lostWrites, String);
  if (lost) lines.push(lost);
  return lines;
}

function distributionLine(
  label: string,
  m: RepeatedMeasurement,
  format: (v: number) => string,
): string | undefined {
  if (!m.measured && m.exceeded === 0) return undefined;
  const cells = m.measured
    ? [m.measured.min, m.measured.p50, m.measured.p95, m.measured.max].map(format)
    : [];
  const extra = m.exceeded > 0 ? `  (${m.exceeded} exceeded the timeout)` : '';
  return `  ${label.padEnd(22)} ${cells.map((c) => c.padStart(8)).join(' ')}${extra}`;
}
