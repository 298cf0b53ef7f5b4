import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { formatDuration } from '../common/duration.js';
import { defineInjector, type Fault } from './injector.js';
import { linkSchema } from './link-schema.js';
import { addVerifiedToxic, bringUpStep, removeToxicStep, requireLinks, takeDown } from './link-actions.js';
import { toxicSpec, type ToxicFields } from './toxics.js';

export type LinkFaultConfig = z.output<typeof linkSchema>;

/** `link`: a Toxiproxy toxic on one or more links, or the link down; removed again on revert. */
export const linkInjector = defineInjector({
  schema: linkSchema,
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
