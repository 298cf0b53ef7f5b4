import type { z } from 'zod';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { StartedTarget } from '../targets/target.js';

/** What a driver needs to reach the system under test. */
export interface LedgerContext {
  target: StartedTarget;
  clock: Clock;
  logger: Logger;
  /** The scenario's directory: relative paths resolve against it. */
  baseDir: string;
  runId: string;
}

/**
 * One way to write numbered records through the system's own API and read them back. A write
 * resolves once the system acknowledged it, and rejects (or times out) when it did not: an
 * acknowledged write that is missing later is a lost write.
 */
export interface LedgerDriver {
  write(id: string, signal: AbortSignal): Promise<void>;
  /**
   * Which of `ids` are present now. A driver that lists everything may return all it finds (ids
   * of other runs are ignored); one that asks per id can use `presentEach`.
   */
  present(ids: readonly string[], signal: AbortSignal): Promise<Iterable<string>>;
  /** Before the first write (connect, create a table); bounded by the caller's signal. */
  open?(signal: AbortSignal): Promise<void>;
  /** After the read-back: drop the ledger's data (unless kept) and release connections. */
  close?(): Promise<void>;
}

export interface LedgerDriverFactory<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  create(config: z.output<S>, context: LedgerContext): LedgerDriver;
}

export function defineLedgerDriver<S extends z.ZodType>(
  factory: LedgerDriverFactory<S>,
): LedgerDriverFactory<S> {
  return factory;
}

/** Fills `${id}` (the write's unique id) and `${seq}` (its number) into a driver's strings. */
export function fillWrite(text: string, id: string, seq: number | string): string {
  return text.replace(/\$\{\s*id\s*\}/g, id).replace(/\$\{\s*seq\s*\}/g, String(seq));
}

export function mentionsId(text: string): boolean {
  return /\$\{\s*id\s*\}/.test(text);
}

/** `<prefix>-<seq>` → seq. */
export function seqOf(id: string): string {
  return id.slice(id.lastIndexOf('-') + 1);
}

/** Asks `has` for each id, a few at a time: for systems that can only be read one key at a time. */
export async function presentEach(
  ids: readonly string[],
  has: (id: string, signal: AbortSignal) => Promise<boolean>,
  signal: AbortSignal,
  concurrency = 8,
): Promise<string[]> {
  const found: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      signal.throwIfAborted();
      const id = ids[next++]!;
      if (await has(id, signal)) found.push(id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return found;
}
