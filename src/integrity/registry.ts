import type { z } from 'zod';
import { lazyPlugin, type LazyPlugin } from '../common/load-on-demand.js';
import { execLedgerSchema } from './exec-driver-schema.js';
import { httpLedgerSchema } from './http-driver-schema.js';
import type { LedgerDriverFactory } from './ledger-driver.js';
import { moduleLedgerSchema } from './module-driver-schema.js';
import { redisLedgerSchema } from './redis-driver-schema.js';

/**
 * Every integrity ledger driver, by its `driver` in a scenario: its schema, and the import of
 * what it does (loaded when a drill keeps a ledger through it).
 */
export const ledgerDrivers = {
  http: lazyPlugin(httpLedgerSchema, async () => (await import('./http-driver.js')).httpLedgerDriver),
  redis: lazyPlugin(redisLedgerSchema, async () => (await import('./redis-driver.js')).redisLedgerDriver),
  exec: lazyPlugin(execLedgerSchema, async () => (await import('./exec-driver.js')).execLedgerDriver),
  module: lazyPlugin(moduleLedgerSchema, async () => (await import('./module-driver.js')).moduleLedgerDriver),
} satisfies Record<string, LazyPlugin<z.ZodType, LedgerDriverFactory>>;

export type LedgerDriverName = keyof typeof ledgerDrivers;
