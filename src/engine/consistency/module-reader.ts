import type { Clock } from '../../common/clock.js';
import { UsageError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { importUserModule, moduleExport, resolveUserModule } from '../../probes/user-module.js';
import type { StartedTarget } from '../../targets/target.js';

/** What a state-reader module gets when it is set up. */
export interface StateReaderContext {
  /** The read's `options` from the scenario, templates resolved. */
  options: Record<string, unknown>;
  target: StartedTarget;
  clock: Clock;
  logger: Logger;
}

/**
 * A user's state reader: `read` returns one node's state (a string, or a value shown as JSON).
 * `at` is the point every replica has applied when the section has an `at` read. Honour `signal`.
 */
export interface StateReaderModule {
  read(node: string, signal: AbortSignal, at?: number): unknown;
  close?(): void | Promise<void>;
}

export type StateReaderExport =
  StateReaderModule | ((context: StateReaderContext) => StateReaderModule | Promise<StateReaderModule>);

/** Loads and sets up a reader module once; checked before the drill disturbs anything. */
export function moduleReader(
  path: string,
  exportName: string,
  baseDir: string,
  context: StateReaderContext,
): { load(): Promise<StateReaderModule>; close(): Promise<void> } {
  const where = 'consistency read';
  const file = resolveUserModule(path, baseDir, where);
  let loading: Promise<StateReaderModule> | undefined;
  const load = (): Promise<StateReaderModule> =>
    (loading ??= (async () => {
      const exported = moduleExport(
        await importUserModule(file, where),
        exportName,
        where,
      ) as StateReaderExport;
      const reader = typeof exported === 'function' ? await exported(context) : exported;
      if (!reader || typeof (reader as StateReaderModule).read !== 'function')
        throw new UsageError(`${where}: ${file} export "${exportName}" is not a state reader`, {
          hint: 'export { read(node, signal) { ... } }, or a function (context) => ({ read(node, signal) { ... } })',
        });
      return reader;
    })());
  return {
    load,
    async close() {
      if (loading) await (await loading.catch(() => undefined))?.close?.();
    },
  };
}
