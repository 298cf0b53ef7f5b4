import type { DrillResult } from '../result/index.js';

/**
 * What result.json may say about the load besides its measurement (its `load` field: which
 * generator ran and why, arrivals dropped, how k6 ended). Read loosely: every field is optional.
 */
interface LoadNote {
  generator?: unknown;
  reason?: unknown;
  dropped?: unknown;
  k6?: { version?: unknown; exitCode?: unknown; meaning?: unknown };
}

/** `k6 2.2.0 (found on PATH) · 3 arrivals dropped · k6 exit 0: stopped by firedrill`; undefined when nothing is known. */
export function loadNoteText(result: DrillResult): string | undefined {
  const note = (result as DrillResult & { load?: LoadNote }).load;
  if (!note || typeof note !== 'object') return undefined;
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  const generator = [text(note.generator), text(note.k6?.version)].filter(Boolean).join(' ');
  const reason = text(note.reason);
  const dropped =
    typeof note.dropped === 'number' && note.dropped > 0
      ? `${note.dropped} arrivals dropped (max_in_flight)`
      : undefined;
  const k6 =
    note.k6 && text(note.k6.meaning)
      ? `k6 exit ${text(note.k6.exitCode) ?? '?'}: ${text(note.k6.meaning)}`
      : undefined;
  const parts = [generator && `generator ${generator}${reason ? ` (${reason})` : ''}`, dropped, k6].filter(
    Boolean,
  );
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
