import { formatDuration } from '../common/duration.js';
import type { JournalEvent } from '../engine/journal.js';

// An event's own fields are free-form in result.json (only `t`, `time` and `type` are checked),
// so each is read for what it is and never assumed to be a list or a number.
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '?';
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function list(value: unknown, item: (entry: unknown) => string = text): string {
  return Array.isArray(value) ? value.map(item).join(', ') : text(value);
}

function duration(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? formatDuration(value) : text(value);
}

function revertDetail(entry: unknown): string {
  return entry !== null && typeof entry === 'object' && 'detail' in entry ? text(entry.detail) : text(entry);
}

/** One human line per journal event worth showing; undefined for the rest. */
export function describeEvent(event: JournalEvent): string | undefined {
  switch (event.type) {
    case 'iteration':
      return `iteration ${text(event.index)} of ${text(event.of)}`;
    case 'phase':
      return `phase ${text(event.phase)}`;
    case 'target.up':
      return `target up: ${list(event.nodes)}`;
    case 'fault.injected':
      return `fault ${text(event.fault)}: ${text(event.summary)}`;
    case 'fault.reverted':
      return `fault ${text(event.fault)} reverted`;
    case 'faults.reverted':
      return `reverted at the end: ${Array.isArray(event.reverts) ? event.reverts.map(revertDetail).join('; ') : text(event.reverts)}`;
    case 'detected':
      return `detected after ${duration(event.ttd)}`;
    case 'recovered':
      return `recovered after ${duration(event.ttr)}`;
    case 'recover.deadline':
      return deadlineText(event);
    case 'iteration.settled':
      return `system whole again after ${duration(event.waitedMs)}`;
    case 'iteration.unsettled':
      return `system not whole again within ${text(event.within)}: ${text(event.reason)}`;
    case 'load.started':
      return `load: ${text(event.reason)}`;
    case 'load.stopped':
      return `load stopped: ${text(event.requests)} requests${event.k6ExitCode !== undefined ? ` (k6 exit ${text(event.k6ExitCode)}: ${text(event.k6)})` : ''}`;
    case 'integrity.read':
      return event.ok
        ? `ledger read back: ${text(event.acknowledged)} of ${text(event.attempted)} writes acknowledged, ${text(event.lost)} lost, ${text(event.recovered)} recovered`
        : `ledger read-back failed: ${text(event.error)}`;
    case 'target.kept':
      return `left running (--keep): ${text(event.hint)}`;
    case 'run.stopped':
      return `stopped (${text(event.kind)}): ${text(event.reason)}`;
    default:
      return undefined;
  }
}

/** What the recover deadline passed without: recovery, detection, or both (older journals: recovery). */
function deadlineText(event: JournalEvent): string {
  const missing = Array.isArray(event.missing) ? event.missing.map(text) : ['recovery'];
  const what = missing.length > 0 ? missing.join(' and ') : 'nothing missing';
  return `recover deadline of ${text(event.after)} passed without ${what}`;
}
