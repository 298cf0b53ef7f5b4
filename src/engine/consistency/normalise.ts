import { createHash } from 'node:crypto';
import { jsonText, parseJsonPath, selectJsonPath, type JsonPathStep } from '../../probes/json-path.js';
import type { NodeState } from '../../result/consistency.js';

/** What a read yields, normalised; or why it could not be read. */
export type RoundReading = { ok: true; text: string } | { ok: false; error: string };

export interface Normalisation {
  trim: boolean;
  json_path?: string | undefined;
}

/**
 * The state a read returned, made comparable: the value at `json_path` (as JSON text for anything
 * but a string), white space trimmed. A body that is not JSON, or lacks the path, is a failed read.
 */
export function normalise(raw: string, how: Normalisation): RoundReading {
  let text = raw;
  if (how.json_path !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(raw);
    } catch {
      return { ok: false, error: `not JSON: ${short(raw.trim(), 80)}` };
    }
    const selected = selectJsonPath(document, parseJsonPath(how.json_path) as JsonPathStep[]);
    if (!selected.found) return { ok: false, error: `${selected.missing} is not in the answer` };
    text = jsonText(selected.value);
  }
  return { ok: true, text: how.trim ? text.trim() : text };
}

const SHOWN = 40;

/** A node's state as reports show it: the value cut short, and a digest of the whole of it. */
export function nodeState(text: string): NodeState {
  return { value: short(text, SHOWN), digest: digestOf(text) };
}

/**
 * "4096", or for a value too long to show, the part where it differs from `other` (the value it is
 * compared with) and a digest of the whole: `"…\"max_value_bytes\":1}" (sha256 1a2b3c4d5e6f)`.
 */
export function shownValue(text: string, other?: string): string {
  if (text.length <= SHOWN) return readable(text);
  let from = 0;
  if (other !== undefined) {
    while (from < text.length && text[from] === other[from]) from++;
    from = Math.max(0, Math.min(from - 10, text.length - SHOWN));
  }
  const part = text.slice(from, from + SHOWN);
  const shown = `${from > 0 ? '…' : ''}${part}${from + SHOWN < text.length ? '…' : ''}`;
  return `${readable(shown)} (sha256 ${digestOf(text)})`;
}

/** The text as it is (JSON stays readable), control characters escaped; an empty one as "". */
function readable(text: string): string {
  return text === '' ? '""' : JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"');
}

export function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
