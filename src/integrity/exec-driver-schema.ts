import { z } from 'zod';
import { ledgerBase } from './ledger-base.js';
import { mentionsId } from './ledger-driver.js';

const command = z
  .union([z.string().min(1), z.array(z.string()).min(1)])
  .meta({ description: 'A string runs through /bin/sh -c; a list is the program and its arguments.' });

/** The `exec` ledger driver's fields (exec-driver.ts holds what it does). */
export const execLedgerSchema = ledgerBase
  .extend({
    driver: z.literal('exec'),
    node: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Run in this node's environment; default: on the host." }),
    write: command.meta({
      description: 'Writes one record; ${id} and ${seq} are filled in. Exit 0 = acknowledged.',
    }),
    read: command.meta({ description: 'Prints the ids present (whitespace or one per line); must exit 0.' }),
  })
  .superRefine((config, ctx) => {
    const text = typeof config.write === 'string' ? config.write : config.write.join(' ');
    if (!mentionsId(text))
      ctx.addIssue({
        code: 'custom',
        path: ['write'],
        message: 'the write command must carry its id: use ${id}',
      });
  });
