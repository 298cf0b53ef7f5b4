import { z } from 'zod';

const URL_EXPECTED = 'expected the URL of a Toxiproxy API, e.g. http://127.0.0.1:8474';
const TEMPLATE = /\$\{[^}]*\}/g;

/**
 * An http(s) URL, where `${nodes...}` may stand for a part known only at start (Toxiproxy run as
 * a node: `http://127.0.0.1:${nodes.toxiproxy.port.api}`); the rest must still make a URL.
 */
const apiUrl = z.string({ error: URL_EXPECTED }).superRefine((value, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(value.replace(TEMPLATE, '1'));
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol))
    ctx.addIssue({ code: 'custom', message: `${URL_EXPECTED}, found "${value}"` });
});

/** The drill's top-level `toxiproxy:` section: which Toxiproxy server carries the links. */
export const toxiproxySchema = z
  .strictObject({
    url: apiUrl.optional().meta({
      description:
        'Use this running Toxiproxy server instead of starting one. Its proxies listen on `listen` ' +
        '(default: a free port on 127.0.0.1, so the server must run on this machine unless `listen` says otherwise). ' +
        'May name a node (Toxiproxy run as a node, e.g. http://127.0.0.1:${nodes.toxiproxy.port.api}): that node starts first.',
    }),
  })
  .meta({
    description:
      'Where links run. Default: firedrill starts Toxiproxy itself, a container on the run network for ' +
      'docker targets, a toxiproxy-server process for the others.',
  });

export type ToxiproxyConfig = z.output<typeof toxiproxySchema>;
