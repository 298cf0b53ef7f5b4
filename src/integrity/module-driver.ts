import type { Clock } from '../common/clock.js';
import { UsageError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { importUserModule, moduleExport, resolveUserModule } from '../probes/user-module.js';
import type { StartedTarget } from '../targets/target.js';
import { moduleLedgerSchema } from './module-driver-schema.js';
import { defineLedgerDriver, presentEach, type LedgerDriver } from './ledger-driver.js';

/** What a ledger module gets when it is set up. */
export interface ModuleLedgerContext {
  options: Record<string, unknown>;
  target: StartedTarget;
  clock: Clock;
  logger: Logger;
}

/**
 * A ledger module: `write` resolves once the system acknowledged the record (throw when it did
 * not); `read` returns every id present, or `has` tells for one id. Honour `signal`.
 */
export interface ModuleLedger {
  write(id: string, signal: AbortSignal): Promise<unknown>;
  read?(signal: AbortSignal): Promise<Iterable<string | number>>;
  has?(id: string, signal: AbortSignal): Promise<boolean>;
  close?(): Promise<void> | void;
}

export type ModuleLedgerExport =
  ModuleLedger | ((context: ModuleLedgerContext) => ModuleLedger | Promise<ModuleLedger>);

/** `module`: the user's own writer and reader, e.g. for a database firedrill has no driver for. */
export const moduleLedgerDriver = defineLedgerDriver({
  schema: moduleLedgerSchema,
  create(config, { target, clock, logger, baseDir }): LedgerDriver {
    const where = `integrity (module ${config.path})`;
    const file = resolveUserModule(config.path, baseDir, 'integrity');
    let ledger: ModuleLedger | undefined;
    const loaded = (): ModuleLedger => {
      if (!ledger) throw new Error(`${where}: used before it was opened`);
      return ledger;
    };
    const context = { options: config.options, target, clock, logger: logger.child({ integrity: 'module' }) };
    return {
      async open() {
        const exported = moduleExport(
          await importUserModule(file, where),
          config.export,
          where,
        ) as ModuleLedgerExport;
        const made = typeof exported === 'function' ? await exported(context) : exported;
        if (
          !made ||
          typeof made.write !== 'function' ||
          (typeof made.read !== 'function' && typeof made.has !== 'function')
        ) {
          throw new UsageError(`${where}: export "${config.export}" is not a ledger`, {
            hint: 'export { write(id, signal), read(signal) } (or has(id, signal) instead of read)',
          });
        }
        ledger = made;
      },
      async write(id, signal) {
        await loaded().write(id, signal);
      },
      async present(ids, signal) {
        const made = loaded();
        if (made.read) return [...(await made.read(signal))].map(String);
        return presentEach(ids, (id, bound) => made.has!(id, bound), signal);
      },
      async close() {
        await ledger?.close?.();
      },
    } satisfies LedgerDriver;
  },
});
