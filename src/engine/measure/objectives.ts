import { formatDuration } from '../../common/duration.js';
import type { Measurements } from '../../result/index.js';
import { objectiveKeys, type ObjectiveKey, type ObjectiveRow } from '../../result/objective-row.js';
import type { TimeMeasurement } from './time-measurement.js';
import { consistencyRow } from '../consistency/consistency-row.js';

/**
 * Targets of the RTO/RPO table: times in ms, lost writes as a count, availability as a fraction
 * 0..1, `consistent` as the bound (ms) within which the replicas must converge.
 */
export type ObjectiveTargets = Partial<Record<ObjectiveKey, number>>;

type Evaluate = (objective: ObjectiveKey, target: number, m: Measurements) => ObjectiveRow;

/**
 * Which measurement each objective reads. `recover` and `total` both read TTR (t_r − t0), as
 * DESIGN.md defines Total = TTR; availability and latency_p99 read the fault window, where an
 * outage shows (the whole-drill figure is reported alongside).
 */
const evaluators: Record<ObjectiveKey, Evaluate> = {
  detect: (o, target, m) => timeRow(o, target, m.detect),
  recover: (o, target, m) => timeRow(o, target, m.recover),
  total: (o, target, m) => timeRow(o, target, m.total),
  rpo: (o, target, m) => timeRow(o, target, m.data?.rpo ?? noData(m)),
  lost_writes: (o, target, m) =>
    m.data
      ? compare({ objective: o, kind: o, unit: 'count', comparison: '<=', target }, m.data.lostWrites)
      : unmeasured(o, 'count', '<=', target, noData(m).reason),
  availability: (o, target, m) => {
    const fault = m.load?.availability.fault;
    if (!fault) return unmeasured(o, 'fraction', '>=', target, noRequests(m));
    return compare({ objective: o, kind: o, unit: 'fraction', comparison: '>=', target }, fault.ratio);
  },
  latency_p99: (o, target, m) => {
    const fault = m.load?.latency.fault;
    if (!fault) return unmeasured(o, 'ms', '<=', target, noRequests(m));
    return compare({ objective: o, kind: o, unit: 'ms', comparison: '<=', target }, fault.p99);
  },
  consistent: (_o, target, m) => consistencyRow(target, m.consistency),
};

const noLedger = { status: 'not-measured', reason: 'the scenario has no integrity ledger' } as const;

function noData(m: Measurements): { status: 'not-measured'; reason: string } {
  return m.dataUnavailable === undefined ? noLedger : { status: 'not-measured', reason: m.dataUnavailable };
}

function noRequests(m: Measurements): string {
  return m.load ? 'no load request fell in a fault window' : 'the scenario has no load';
}

/** Rows of the objectives table, in a fixed order, followed by one row per `during` probe. */
export function evaluateObjectives(targets: ObjectiveTargets, m: Measurements): ObjectiveRow[] {
  const rows: ObjectiveRow[] = [];
  for (const key of objectiveKeys) {
    const target = targets[key];
    if (target !== undefined) rows.push(evaluators[key](key, target, m));
  }
  return [...rows, ...m.during];
}

/**
 * Rows for an iteration that measured nothing (no fault took effect, or the run was interrupted
 * before one did): every declared objective is not measured, with the reason.
 */
export function unmeasuredObjectives(
  targets: ObjectiveTargets,
  reason: string,
  abortedAtMs?: number,
): ObjectiveRow[] {
  return objectiveKeys.flatMap((key) => {
    const target = targets[key];
    if (target === undefined) return [];
    const unit = key === 'lost_writes' ? 'count' : key === 'availability' ? 'fraction' : 'ms';
    const row = unmeasured(key, unit, key === 'availability' ? '>=' : '<=', target, reason);
    return [abortedAtMs === undefined ? row : { ...row, abortedAtMs }];
  });
}

type RowHead = Pick<ObjectiveRow, 'objective' | 'kind' | 'unit' | 'comparison' | 'target'>;

function timeRow(objective: ObjectiveKey, target: number, t: TimeMeasurement): ObjectiveRow {
  const head: RowHead = { objective, kind: objective, unit: 'ms', comparison: '<=', target };
  switch (t.status) {
    case 'measured':
      return { ...compare(head, t.ms), resolution: t.resolution, ...(t.signal && { signal: t.signal }) };
    case 'not-measured': {
      const aborted = t.abortedAtMs !== undefined ? { abortedAtMs: t.abortedAtMs } : {};
      return { ...head, measured: null, status: 'not-measured', reason: t.reason, ...aborted };
    }
    case 'not-detected':
    case 'not-recovered':
      return { ...head, measured: t.exceeds, exceeded: true, status: 'failed', reason: t.reason };
  }
}

/** Exactly equal to the target passes. */
function compare(head: RowHead, measured: number): ObjectiveRow {
  const ok = head.comparison === '<=' ? measured <= head.target : measured >= head.target;
  if (ok) return { ...head, measured, status: 'passed' };
  const word = head.comparison === '<=' ? 'above' : 'below';
  let [shown, wanted] = [render(head.unit, measured), render(head.unit, head.target)];
  // Rounded for reading, 3001ms and 3000ms would both show as 3.00s: then show them exactly.
  if (shown === wanted) [shown, wanted] = [exact(head.unit, measured), exact(head.unit, head.target)];
  const reason = `measured ${shown} is ${word} the target ${wanted}`;
  return { ...head, measured, status: 'failed', reason };
}

function unmeasured(
  objective: ObjectiveKey,
  unit: ObjectiveRow['unit'],
  comparison: ObjectiveRow['comparison'],
  target: number,
  reason: string,
): ObjectiveRow {
  return {
    objective,
    kind: objective,
    unit,
    comparison,
    target,
    measured: null,
    status: 'not-measured',
    reason,
  };
}

function render(unit: ObjectiveRow['unit'], value: number): string {
  if (unit === 'ms') return formatDuration(value);
  if (unit === 'fraction') return `${(value * 100).toFixed(2)}%`;
  return String(value);
}

function exact(unit: ObjectiveRow['unit'], value: number): string {
  if (unit === 'ms') return `${value}ms`;
  if (unit === 'fraction') return `${value * 100}%`;
  return String(value);
}
