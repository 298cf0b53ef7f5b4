import { z } from 'zod';
import { ledgerBase } from './ledger-base.js';

/** The `module` ledger driver's fields (module-driver.ts holds what it does). */
export const moduleLedgerSchema = ledgerBase.extend({
  driver: z.literal('module'),
  path: z.string().min(1).meta({
    description: "Your driver module (.mjs/.js, or .ts with tsx), relative to the scenario's directory.",
  }),
  export: z.string().min(1).default('default'),
  options: z
    .record(z.string(), z.unknown())
    .default({})
    .meta({ description: 'Passed to your module as `options`.' }),
});
