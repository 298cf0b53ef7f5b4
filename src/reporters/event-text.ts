import { formatDuration } from '../common/duration.js';
import type { JournalEvent } from '../engine/journal.js';

/** One human line per journal event worth showing; undefined for the rest. */
export function describeEvent(event: JournalEvent): string | undefined {
  switch (event.type) {
    case 'iteration':
      return `iteration ${String(event.index)} of ${String(event.of)}`;
    case 'phase':
      return `phase ${String(event.phase)}`;
    case 'target.up':
      return `target up: ${(event.nodes as string[]).join(', ')}`;
    case 'fault.injected':
      return `fault ${String(event.fault)}: ${String(event.summary)}`;
    case 'fault.reverted':
      return `fault ${String(event.fault)} reverted`;
    case 'faults.reverted':
      return `reverted at the end: ${(event.reverts as Array<{ detail: string }>).map((r) => r.detail).join('; ')}`;
    case 'detected':
      return `detected after ${formatDuration(Number(event.ttd))}`;
    case 'recovered':
      return `recovered after ${formatDuration(Number(event.ttr))}`;
    case 'recover.deadline':
      return deadlineText(event);
    case 'iteration.settled':
      return `system whole again after ${formatDuration(Number(event.waitedMs))}`;
    case 'iteration.unsettled':
      return `system not whole again within ${String(event.within)}: ${String(event.reason)}`;
    case 'load.started':
      return `load: ${String(event.reason)}`;
    case 'load.stopped':
      return `load stopped: ${String(event.requests)} requests${event.k6ExitCode !== undefined ? ` (k6 exit ${String(event.k6ExitCode)}: ${String(event.k6)})` : ''}`;
    case 'integrity.read':
      return event.ok
        ? `ledger read back: ${String(event.acknowledged)} of ${String(event.attempted)} writes acknowledged, ${String(event.lost)} lost, ${String(event.recovered)} recovered`
        : `ledger read-back failed: ${String(event.error)}`;
    case 'target.kept':
      return `left running (--keep): ${String(event.hint)}`;
    case 'run.stopped':
      return `stopped (${String(event.kind)}): ${String(event.reason)}`;
    default:
      return undefined;
  }
}

/** What the recover deadline passed without: recovery, detection, or both (older journals: recovery). */
function deadlineText(event: JournalEvent): string {
  const missing = Array.isArray(event.missing) ? (event.missing as string[]) : ['recovery'];
  const what = missing.length > 0 ? missing.join(' and ') : 'nothing missing';
  return `recover deadline of ${String(event.after)} passed without ${what}`;
}
