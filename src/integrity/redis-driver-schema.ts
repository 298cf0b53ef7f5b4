import { z } from 'zod';
import { ledgerBase } from './ledger-base.js';

const hostPort = z.string().regex(/^(\$\{[^}]+\}|[^:\s]+):(\$\{[^}]+\}|\d+)$/, {
  error: 'expected host:port, e.g. ${nodes.s1.host}:${nodes.s1.port.sentinel}',
});

/** The `redis` ledger driver's fields (redis-driver.ts holds what it does). */
export const redisLedgerSchema = ledgerBase
  .extend({
    driver: z.literal('redis'),
    url: z
      .string()
      .regex(/^rediss?:\/\//, {
        error: 'expected a redis:// URL, e.g. redis://${nodes.redis.host}:${nodes.redis.port.redis}',
      })
      .optional()
      .meta({ description: 'A single Redis server: redis://host:port[/db].' }),
    sentinel: z
      .strictObject({
        hosts: z.array(hostPort).min(1).meta({ description: 'Sentinels as host:port.' }),
        name: z.string().min(1).meta({ description: 'The monitored master group name, e.g. mymaster.' }),
        password: z.string().optional().meta({ description: "The sentinels' own password, if any." }),
        nat: z.record(hostPort, hostPort).optional().meta({
          description:
            'Where to reach each server the Sentinels name, when firedrill cannot reach that address itself (names on a container network): { "redis-1:6379": "${nodes.redis-1.host}:${nodes.redis-1.port.6379}" }.',
        }),
      })
      .optional()
      .meta({ description: 'Write to whichever server the Sentinels name as master (follows failovers).' }),
    password: z.string().optional().meta({ description: "The Redis servers' password, if any." }),
    key: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'The set the ids go into (default firedrill:ledger:<prefix>).' }),
    keep: z
      .boolean()
      .default(false)
      .meta({ description: 'Keep the set after the read-back (default: delete it).' }),
  })
  .superRefine((config, ctx) => {
    if ((config.url === undefined) === (config.sentinel === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'give either url (one server) or sentinel (hosts and name)',
      });
  });
