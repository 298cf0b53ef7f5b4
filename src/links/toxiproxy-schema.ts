import { z } from 'zod';

/** The drill's top-level `toxiproxy:` section: which Toxiproxy server carries the links. */
export const toxiproxySchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, error: 'expected the URL of a Toxiproxy API, e.g. http://127.0.0.1:8474' })
      .optional()
      .meta({
        description:
          'Use this running Toxiproxy server instead of starting one. Its proxies listen on `listen` ' +
          '(default: a free port on 127.0.0.1, so the server must run on this machine unless `listen` says otherwise).',
      }),
  })
  .meta({
    description:
      'Where links run. Default: firedrill starts Toxiproxy itself, a container on the run network for ' +
      'docker targets, a toxiproxy-server process for the others.',
  });

export type ToxiproxyConfig = z.output<typeof toxiproxySchema>;
