import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import { errorMessage } from '../common/errors.js';
import { deadline } from './deadline.js';
import { defineProbe, probeBase, type ProbeOutcome } from './probe.js';
import { failureDetail, regex, templatedUrl } from './probe-fields.js';

const statusCode = z.number().int().min(100).max(599);
const statusClass = z
  .string()
  .regex(/^[1-5]xx$/, { error: 'expected a status code such as 200 or a class such as 2xx' });
const statusSpec = z.union([statusCode, statusClass]);

const schema = probeBase.extend({
  type: z.literal('http'),
  url: templatedUrl.meta({
    description: 'http:// or https:// URL; may use ${nodes.<n>.host} and ${nodes.<n>.port.<p>}.',
  }),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional().meta({ description: 'Request body.' }),
  status: z
    .union([statusSpec, z.array(statusSpec).min(1)])
    .default('2xx')
    .meta({ description: 'Expected status: a code, a class such as 2xx, or a list of them (default 2xx).' }),
  body_matches: regex.optional().meta({
    description: 'A regular expression the response body must match (^ and $ also match at line ends).',
  }),
});

const MAX_BODY = 1 << 20;

/**
 * `http`: one request per sample on a fresh connection (no keep-alive pool), so a restarted server
 * is seen as it is, not through a stale pooled socket. Value: response latency in ms.
 */
export const httpProbe = defineProbe({
  schema,
  create(config, { clock }) {
    const url = new URL(config.url);
    const specs = Array.isArray(config.status) ? config.status : [config.status];
    const statusOk = (code: number): boolean =>
      specs.some((s) => (typeof s === 'number' ? s === code : s[0] === String(code)[0]));
    const pattern = config.body_matches === undefined ? undefined : new RegExp(config.body_matches, 'm');
    return {
      async check(signal): Promise<ProbeOutcome> {
        const bound = deadline(clock, config.timeout, signal);
        const startedAt = clock.now();
        try {
          const { status, body } = await send(url, config, bound.signal, pattern !== undefined);
          const value = clock.now() - startedAt;
          if (!statusOk(status)) return { ok: false, detail: `HTTP ${status}`, value };
          if (pattern && !pattern.test(body))
            return { ok: false, detail: `HTTP ${status}, body did not match /${pattern.source}/`, value };
          return { ok: true, detail: `HTTP ${status}`, value };
        } catch (error) {
          return {
            ok: false,
            detail: bound.timedOut() ? `timeout after ${config.timeout}ms` : failureDetail(error),
          };
        } finally {
          bound.dispose();
        }
      },
    };
  },
});

function send(
  url: URL,
  config: z.output<typeof schema>,
  signal: AbortSignal,
  readBody: boolean,
): Promise<{ status: number; body: string }> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: config.method, headers: config.headers, agent: false, signal },
      (res) => {
        collect(res, readBody).then((body) => resolve({ status: res.statusCode ?? 0, body }), reject);
      },
    );
    req.once('error', reject);
    req.end(config.body);
  });
}

function collect(res: IncomingMessage, keep: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      if (keep && body.length < MAX_BODY) body += chunk;
    });
    res.once('end', () => resolve(body));
    res.once('error', (error) => reject(new Error(`reading the body: ${errorMessage(error)}`)));
  });
}
