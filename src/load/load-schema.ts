import { z } from 'zod';
import { timeoutDuration } from '../common/duration.js';
import { templatedUrl } from '../probes/probe-fields.js';
import { loadRate } from './rate.js';

export const generators = ['auto', 'k6', 'builtin'] as const;

const k6 = z
  .strictObject({
    script: z.string().min(1).optional().meta({
      description:
        "Your own k6 script, relative to the scenario's directory; its options decide the traffic. Without it firedrill generates a constant-arrival-rate test of `url` at `rate`.",
    }),
    args: z
      .array(z.string())
      .default([])
      .meta({ description: 'Extra arguments for `k6 run` (firedrill adds --out json and --quiet).' }),
  })
  .meta({ description: 'k6 settings.' });

/** `load`: traffic during the drill, from k6 or the built-in constant-rate HTTP load. */
export const loadSchema = z
  .strictObject({
    generator: z.enum(generators).default('auto').meta({
      description:
        'auto (k6 when installed, else the built-in load; the result says which), k6 (required) or builtin.',
    }),
    url: templatedUrl.optional().meta({
      description:
        'The request each arrival makes; may use ${nodes.<n>.host} and ${nodes.<n>.port.<p>}. Required unless k6.script is given.',
    }),
    rate: loadRate.optional().meta({
      description: 'Requests per second (200, 200/s): a constant arrival rate, from 1/m to 10000/s.',
    }),
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().optional().meta({ description: 'Request body.' }),
    timeout: timeoutDuration
      .default(5000)
      .meta({ description: 'A request slower than this fails (default 5s; 1ms to 24h).' }),
    max_in_flight: z.int().min(1).max(10_000).default(200).meta({
      description:
        'Most requests open at once (k6 maxVUs); an arrival beyond it is dropped and counted, not queued (default 200).',
    }),
    k6: k6.optional(),
  })
  .superRefine((load, ctx) => {
    const script = load.k6?.script !== undefined;
    const needsRequest = !script || load.generator === 'builtin';
    if (needsRequest && load.url === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'load needs a url (or k6.script with generator k6)',
      });
    if (needsRequest && load.rate === undefined)
      ctx.addIssue({ code: 'custom', path: ['rate'], message: 'load needs a rate, e.g. 200/s' });
  })
  .meta({ description: 'Traffic during the drill: availability and latency in the fault window.' });

export type LoadConfig = z.output<typeof loadSchema>;
export type Generator = (typeof generators)[number];
