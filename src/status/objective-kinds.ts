import type { ObjectiveKey } from '../result/index.js';
import type { StatusRow } from './status-report.js';

/**
 * How each objective is read (as src/engine/measure/objectives.ts judges it) and which table shows
 * it: times and service figures in the RTO table, lost writes and the RPO window in the RPO table.
 */
export const objectiveKinds: Record<
  ObjectiveKey,
  { unit: StatusRow['unit']; comparison: StatusRow['comparison']; table: 'rto' | 'rpo' }
> = {
  detect: { unit: 'ms', comparison: '<=', table: 'rto' },
  recover: { unit: 'ms', comparison: '<=', table: 'rto' },
  total: { unit: 'ms', comparison: '<=', table: 'rto' },
  availability: { unit: 'fraction', comparison: '>=', table: 'rto' },
  latency_p99: { unit: 'ms', comparison: '<=', table: 'rto' },
  lost_writes: { unit: 'count', comparison: '<=', table: 'rpo' },
  rpo: { unit: 'ms', comparison: '<=', table: 'rpo' },
  // `consistent: true` reads as "no replica left diverged" (see class-runs.ts).
  consistent: { unit: 'count', comparison: '<=', table: 'rpo' },
};
