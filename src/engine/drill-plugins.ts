import { injectors, type FaultType } from '../injectors/registry.js';
import { ledgerDrivers, type LedgerDriverName } from '../integrity/registry.js';
import { probes, type ProbeType } from '../probes/registry.js';
import type { Drill } from '../scenario/drill-schema.js';
import { targets, type TargetType } from '../targets/registry.js';

type PluginsNamed = Pick<Drill, 'target' | 'faults' | 'probes' | 'integrity'>;

/**
 * Imports what a drill uses (its target, faults, probes and ledger driver) before it runs, and
 * only that: a process drill never loads Docker's client. Done up front so that the engine creates
 * them synchronously and no import lands inside a measured window.
 */
export async function loadDrillPlugins(drill: PluginsNamed): Promise<void> {
  await Promise.all([
    targets[drill.target.type as TargetType].load(),
    ...drill.faults.map((fault) => injectors[fault.type as FaultType].load()),
    ...drill.probes.map((probe) => probes[probe.type as ProbeType].load()),
    ...(drill.integrity ? [ledgerDrivers[drill.integrity.driver as LedgerDriverName].load()] : []),
  ]);
}
