import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { duration, formatDuration } from '../common/duration.js';
import { byteSize } from '../targets/docker/byte-size.js';
import { defineInjector, faultBase, type Fault } from './injector.js';
import { addVerifiedToxic, bringUpStep, removeToxicStep, requireLinks, takeDown } from './link-actions.js';
import { toxicKinds, toxicShapes, toxicSpec, type ToxicField, type ToxicFields } from './toxics.js';

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

const schema = faultBase
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

export type LinkFaultConfig = z.output<typeof schema>;

/** `link`: a Toxiproxy toxic on one or more links, or the link down; removed again on revert. */
export const linkInjector = defineInjector({
  schema,
  describe: (config) => `${config.toxic} on link ${linkNames(config).join(', ')}${describeFields(config)}`,
  create: (config): Fault => {
    // One suffix per fault: two faults on one link never share a toxic name.
    const suffix = randomBytes(3).toString('hex');
    const streams =
      config.stream === 'both'
        ? (['downstream', 'upstream'] as const)
        : ([config.stream ?? 'downstream'] as const);
    const toxicName = (stream: string): string => `firedrill-${config.toxic}-${stream}-${suffix}`;
    return {
      async prepare(context) {
        const links = requireLinks(context);
        return linkNames(config).flatMap((name) => {
          const proxy = links.get(name);
          if (config.toxic === 'down') return [bringUpStep(links.toxiproxyUrl, proxy)];
          return streams.map((stream) => removeToxicStep(links.toxiproxyUrl, proxy, toxicName(stream)));
        });
      },
      async inject(context) {
        const links = requireLinks(context);
        const proxies = linkNames(config).map((name) => links.get(name));
        await Promise.all(
          proxies.map(async (proxy) => {
            if (config.toxic === 'down') return takeDown(links.toxiproxyUrl, proxy);
            const kind = config.toxic;
            for (const stream of streams)
              await addVerifiedToxic(
                links.toxiproxyUrl,
                proxy,
                toxicSpec(kind, config, stream, config.toxicity ?? 1, toxicName(stream)),
              );
          }),
        );
        const what =
          config.toxic === 'down' ? 'took down' : `added ${config.toxic}${describeFields(config)} to`;
        return {
          summary: `${what} link ${proxies.map((p) => p.link).join(', ')}`,
          details: {
            links: proxies.map((p) => p.link),
            toxic: config.toxic,
            streams: config.toxic === 'down' ? [] : [...streams],
          },
        };
      },
    };
  },
});

function linkNames(config: LinkFaultConfig): string[] {
  return config.links ?? (config.link === undefined ? [] : [config.link]);
}

function describeFields(fields: ToxicFields): string {
  const parts: string[] = [];
  for (const key of ['latency', 'jitter', 'timeout', 'delay'] as const)
    if (fields[key] !== undefined) parts.push(`${key} ${formatDuration(fields[key])}`);
  for (const key of ['rate', 'average_size', 'size_variation', 'bytes'] as const)
    if (fields[key] !== undefined) parts.push(`${key} ${fields[key]}${key === 'rate' ? ' KB/s' : ''}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
