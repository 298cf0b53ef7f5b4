import { didYouMean, listOf } from './did-you-mean.js';
import { asArray, recordOf, type Finding } from './finding.js';

/**
 * `recovery.signals` names steady signals only: a steady probe of this drill, `load` (with a
 * `load:` section) or `ledger` (with `integrity:`). A misspelt name would silently judge recovery
 * on fewer signals than meant.
 */
export function recoverySignalFindings(data: unknown): Finding[] {
  const drill = recordOf(data);
  const known = [
    ...asArray(drill.probes)
      .map(recordOf)
      .filter((p) => p.role === 'steady' && typeof p.name === 'string')
      .map((p) => p.name as string),
    ...(drill.load !== undefined ? ['load'] : []),
    ...(drill.integrity !== undefined ? ['ledger'] : []),
  ];
  return asArray(recordOf(drill.recovery).signals).flatMap((name, i): Finding[] => {
    if (typeof name !== 'string' || known.includes(name)) return [];
    return [
      {
        path: ['recovery', 'signals', i],
        message: `"${name}" is not a steady signal of this drill`,
        expected: `one of ${listOf(known)}`,
        found: JSON.stringify(name),
        hint:
          didYouMean(name, known) ??
          'name a probe with `role: steady`, `load` (needs `load:`) or `ledger` (needs `integrity:`)',
      },
    ];
  });
}
