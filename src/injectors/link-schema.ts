import { z } from 'zod';
import { duration } from '../common/duration.js';
import { byteSize } from '../targets/docker/byte-size.js';
import { faultBase } from './injector.js';
import { toxicKinds, toxicShapes, type ToxicField } from './toxics.js';

const toxicFields = {
  latency: duration.optional().meta({ description: 'latency, jitter: added delay.' }),
  jitter: duration.optional().meta({ description: 'latency, jitter: the delay varies by ± this much.' }),
  rate: z.number().int().positive().optional().meta({ description: 'bandwidth: KB/s.' }),
  timeout: duration.optional().meta({
    description:
      'timeout: close after this long (0s: hold data until reverted); reset_peer: reset after this long.',
  }),
  delay: duration
    .optional()
    .meta({ description: 'slow_close: delay of the close; slicer: delay between slices.' }),
  average_size: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'slicer: average slice in bytes.' }),
  size_variation: z
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: 'slicer: variation of the slice size.' }),
  bytes: byteSize.optional().meta({ description: 'limit_data: close the connection after this many bytes.' }),
};

/** The `link` fault's fields (link.ts holds what it does). */
export const linkSchema = faultBase
  .extend({
    type: z.literal('link'),
    link: z.string().min(1).optional().meta({ description: 'The link (declared under `links:`) to act on.' }),
    links: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .meta({ description: 'Several links, acted on together.' }),
    toxic: z.enum(toxicKinds).meta({
      description:
        'down | latency | jitter | bandwidth | timeout | reset_peer | slow_close | slicer | limit_data',
    }),
    stream: z
      .enum(['downstream', 'upstream', 'both'])
      .optional()
      .meta({ description: 'Direction: downstream (server → client, default), upstream, or both.' }),
    toxicity: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .meta({ description: 'Share of connections affected (default 1).' }),
    ...toxicFields,
  })
  .superRefine((value, ctx) => {
    if ((value.link === undefined) === (value.links === undefined))
      ctx.addIssue({
        code: 'custom',
        path: value.link ? ['links'] : [],
        message: 'name the link(s): `link: <name>` or `links: [<name>, ...]` (one of them)',
      });
    const shape = toxicShapes[value.toxic];
    for (const field of shape.required)
      if (value[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `a ${value.toxic} toxic needs ${field}` });
    const allowed = new Set<string>([...shape.required, ...shape.optional]);
    for (const field of Object.keys(toxicFields) as ToxicField[]) {
      if (value[field] !== undefined && !allowed.has(field))
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message:
            `${field} does not apply to a ${value.toxic} toxic` +
            (allowed.size ? ` (it takes ${[...allowed].join(', ')})` : ''),
        });
    }
    if (value.toxic === 'down')
      for (const field of ['stream', 'toxicity'] as const)
        if (value[field] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `a down link refuses every connection: ${field} does not apply`,
          });
  });
