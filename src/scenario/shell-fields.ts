import { contextAt, quoteFor, scriptIndex } from '../common/shell-quote.js';
import type { FieldPath } from './yaml-source.js';

/**
 * Fields whose string value runs through `sh -c`: exec probes, exec and drift faults (`command`,
 * `revert`), process and docker nodes (`command`). The exec ledger's `write` and `read` are found
 * by their place. A list `[sh, -c, <script>]` anywhere is a script too.
 */
const SCRIPT_KEYS = new Set(['command', 'revert']);
const LEDGER_SCRIPTS = new Set(['integrity.write', 'integrity.read']);

/** Turns a resolved template value into the text that replaces `${...}` at `offset` of `text`. */
export type TemplateEncoder = (path: FieldPath, text: string, offset: number, value: string) => string;

/**
 * The encoder for `value` (found at `base` in its document): a value spliced into a shell script is
 * quoted for where it lands, so it stays one literal word; anywhere else it goes in as it is.
 */
export function shellAwareEncoder(value: unknown, base: FieldPath = []): TemplateEncoder {
  const scripts = new Set<string>();
  const last = base[base.length - 1];
  if (typeof value === 'string' && (SCRIPT_KEYS.has(String(last)) || LEDGER_SCRIPTS.has(base.join('.'))))
    scripts.add(key([]));
  collectScripts(value, base, [], scripts);
  return (path, text, offset, resolved) =>
    scripts.has(key(path)) ? quoteFor(contextAt(text, offset), resolved) : resolved;
}

function collectScripts(value: unknown, base: FieldPath, path: FieldPath, found: Set<string>): void {
  if (Array.isArray(value)) {
    const index = scriptIndex(value);
    if (index !== undefined) found.add(key([...path, index]));
    value.forEach((item, i) => collectScripts(item, base, [...path, i], found));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [field, child] of Object.entries(value)) {
    const full = [...base, ...path, field];
    if (typeof child === 'string' && (SCRIPT_KEYS.has(field) || LEDGER_SCRIPTS.has(full.join('.'))))
      found.add(key([...path, field]));
    collectScripts(child, base, [...path, field], found);
  }
}

function key(path: FieldPath): string {
  return JSON.stringify(path);
}
