import { execLedgerDriver } from './exec-driver.js';
import { httpLedgerDriver } from './http-driver.js';
import type { LedgerDriverFactory } from './ledger-driver.js';
import { moduleLedgerDriver } from './module-driver.js';
import { redisLedgerDriver } from './redis-driver.js';

/** Every integrity ledger driver, by its `driver` in a scenario. */
export const ledgerDrivers = {
  http: httpLedgerDriver,
  redis: redisLedgerDriver,
  exec: execLedgerDriver,
  module: moduleLedgerDriver,
} satisfies Record<string, LedgerDriverFactory>;

export type LedgerDriverName = keyof typeof ledgerDrivers;
