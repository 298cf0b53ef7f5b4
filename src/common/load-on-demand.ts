import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Loads a CommonJS package the first time a drill needs it, synchronously, so that a sync
 * constructor can stay sync. A static import would load it for every command: dockerode,
 * ioredis and testcontainers together weigh more than the rest of firedrill (`validate` and
 * `--help` never touch them); node-cron only matters to schedules. Callers keep `import type` for the types.
 */
export function loadOnDemand<T>(name: 'dockerode' | 'ioredis' | 'node-cron'): T {
  return require(name) as T;
}

/**
 * A plugin (a target, fault, probe, ledger driver) as its registry holds it: the schema at once,
 * for `validate`, the editor schema and the drill's types; the implementation (Docker clients,
 * sockets, child processes) imported the first time a drill uses it. The schema must come from a
 * file that imports nothing but zod and other schemas.
 */
export interface LazyPlugin<Schema, Plugin> {
  readonly schema: Schema;
  /** Imports the implementation (once; later calls share the import). */
  load(): Promise<Plugin>;
  /** The implementation after `load` resolved, for code that must stay synchronous. */
  loaded(): Plugin;
}

/** Pairs a schema with the import of the plugin that owns it (which must use that same schema). */
export function lazyPlugin<Schema, Plugin extends { readonly schema: Schema }>(
  schema: Schema,
  importPlugin: () => Promise<Plugin>,
): LazyPlugin<Schema, Plugin> {
  let importing: Promise<Plugin> | undefined;
  let plugin: Plugin | undefined;
  return {
    schema,
    load: () =>
      (importing ??= importPlugin().then((imported) => {
        if (imported.schema !== schema)
          throw new Error('a lazy plugin must use the schema its registry lists');
        plugin = imported;
        return imported;
      })),
    loaded: () => {
      if (plugin === undefined)
        throw new Error('a plugin was used before it was loaded: await its load() first');
      return plugin;
    },
  };
}
