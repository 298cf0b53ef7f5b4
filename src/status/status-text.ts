import { formatDuration } from '../common/duration.js';
import type { ObjectiveKey } from '../result/index.js';
import type { RowStatus, StatusRow } from './status-report.js';

/** How each objective is named in the tables. */
export const objectiveLabels: Record<ObjectiveKey, string> = {
  detect: 'TTD',
  recover: 'TTR',
  total: 'total',
  rpo: 'RPO window',
  lost_writes: 'lost writes',
  availability: 'availability',
  latency_p99: 'latency p99',
  consistent: 'diverged replicas',
};

/** The words each status is shown with (UNTESTED in capitals: the row nobody proved). */
export const statusLabels: Record<RowStatus, string> = {
  validated: 'validated',
  failed: 'failed',
  'claim-broken': 'claim broken',
  stale: 'stale',
  untested: 'UNTESTED',
};

export function formatValue(unit: StatusRow['unit'], value: number): string {
  if (unit === 'ms') return formatDuration(value);
  if (unit === 'fraction') return `${Number((value * 100).toFixed(3))}%`;
  return String(value);
}

/** `≤ 10.0s`, `≥ 99.5%`. */
export function boundText(row: Pick<StatusRow, 'unit' | 'comparison'>, bound: number): string {
  return `${row.comparison === '<=' ? '≤' : '≥'} ${formatValue(row.unit, bound)}`;
}

/** A value of a row, `> 30.0s` when it exceeded its timeout. */
export function sampleText(row: Pick<StatusRow, 'unit'>, value: number | null, exceeded: boolean): string {
  if (value === null) return '—';
  return `${exceeded ? '> ' : ''}${formatValue(row.unit, value)}`;
}

/** `p50 1.20s · p95 1.90s · max 2.00s (4 runs)`; "at least" objectives show p5 and min. */
export function periodText(row: StatusRow): string {
  const p = row.period;
  if (!p) return 'no run in the period';
  const [tail, worst] = row.comparison === '<=' ? ['p95', 'max'] : ['p5', 'min'];
  const values = p.n === p.runs ? `${p.runs} run${p.runs === 1 ? '' : 's'}` : `${p.n} values, ${p.runs} runs`;
  const f = (key: 'p50' | 'tail' | 'worst'): string =>
    (p.atLeast[key] ? '≥ ' : '') + formatValue(row.unit, p[key]);
  return `p50 ${f('p50')} · ${tail} ${f('tail')} · ${worst} ${f('worst')} (${values})`;
}

/** `3d`, `5h`, `12m`: an age as a person says it. */
export function ageText(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48) return `${Math.floor(hours / 24)}d`;
  if (hours >= 1) return `${Math.floor(hours)}h`;
  return `${Math.max(0, Math.floor(ms / 60_000))}m`;
}

/** Why a row has its status, in a sentence. */
export function statusWords(row: StatusRow, ageMs: number, sinceMs: number): string {
  const period = row.tier
    ? `its ${row.tier.name} period (${ageText(row.tier.periodMs)})`
    : `the period (${ageText(sinceMs)})`;
  const words: string[] = [];
  if (row.failedRun)
    words.push(
      `run ${row.failedRun.runId} (${row.failedRun.startedAt}) missed the target ${boundText(row, row.target)}`,
    );
  if (row.conditions.includes('stale'))
    words.push(`last drilled ${ageText(ageMs)} ago, longer than ${period}`);
  if (row.conditions.includes('claim-broken') && row.claim !== undefined)
    words.push(
      `the claim ${boundText(row, row.claim)} does not hold (${row.comparison === '<=' ? 'p95' : 'p5'} over the period)`,
    );
  if (words.length === 0)
    words.push(`every run met the target; last drilled ${ageText(ageMs)} ago, within ${period}`);
  return words.join('; ');
}
