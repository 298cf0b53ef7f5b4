import { z } from 'zod';
import { ledgerDrivers } from './registry.js';

type Schemas = (typeof ledgerDrivers)[keyof typeof ledgerDrivers]['schema'];

/** `integrity`: the RPO ledger, one of the drivers picked by its `driver` field. */
export const integritySchema = z
  .discriminatedUnion('driver', Object.values(ledgerDrivers).map((d) => d.schema) as never)
  .meta({
    description:
      'The RPO ledger: numbered writes at a fixed rate through the system, read back after recovery (lost = acknowledged but missing).',
  }) as unknown as z.ZodType<z.output<Schemas>, z.input<Schemas>>;

export type IntegrityConfig = z.output<typeof integritySchema>;
