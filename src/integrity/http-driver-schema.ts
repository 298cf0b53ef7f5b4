import { z } from 'zod';
import { jsonPath } from '../probes/json-path.js';
import { templatedUrl } from '../probes/probe-fields.js';
import { ledgerBase } from './ledger-base.js';
import { mentionsId } from './ledger-driver.js';

const request = z.strictObject({
  url: templatedUrl.meta({ description: 'May use ${id} (the write id) and ${nodes...} templates.' }),
  headers: z.record(z.string(), z.string()).optional(),
});

/** The `http` ledger driver's fields (http-driver.ts holds what it does). */
export const httpLedgerSchema = ledgerBase
  .extend({
    driver: z.literal('http'),
    write: request
      .extend({
        method: z.enum(['POST', 'PUT', 'PATCH']).default('PUT'),
        body: z
          .string()
          .default('${id}')
          .meta({ description: 'Request body; may use ${id} and ${seq} (default ${id}).' }),
      })
      .meta({ description: 'The write: acknowledged when the answer is 2xx.' }),
    read: request
      .extend({
        json_path: jsonPath.optional().meta({
          description:
            'For a list read: where the array of ids is in the JSON answer (default: the whole body).',
        }),
      })
      .meta({
        description:
          'The read-back: a url with ${id} is asked once per write (2xx present, 404 absent); one without returns every id (a JSON array, or one id per line).',
      }),
  })
  .superRefine((config, ctx) => {
    if (!mentionsId(config.write.url) && !mentionsId(config.write.body))
      ctx.addIssue({
        code: 'custom',
        path: ['write', 'url'],
        message: 'the write must carry its id: use ${id} in write.url or write.body',
      });
    if (mentionsId(config.read.url) && config.read.json_path !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['read', 'json_path'],
        message: 'json_path is for a list read (a url without ${id})',
      });
  });
