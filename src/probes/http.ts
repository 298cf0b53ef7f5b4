import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import { errorMessage } from '../common/errors.js';
import { deadline } from './deadline.js';
import { defineProbe, type ProbeOutcome } from './probe.js';
import { httpProbeSchema } from './http-schema.js';
import { failureDetail } from './probe-fields.js';
import { jsonText, parseJsonPath, selectJsonPath, type JsonPathStep } from './json-path.js';

const MAX_BODY = 1 << 20;

/**
 * `http`: one request per sample on a fresh connection (no keep-alive pool), so a restarted server
 * is seen as it is, not through a stale pooled socket. Value: response latency in ms.
 */
export const httpProbe = defineProbe({
  schema: httpProbeSchema,
  create(config, { clock }) {
    const url = new URL(config.url);
    const specs = Array.isArray(config.status) ? config.status : [config.status];
    const statusOk = (code: number): boolean =>
      specs.some((s) => (typeof s === 'number' ? s === code : s[0] === String(code)[0]));
    const pattern = config.body_matches === undefined ? undefined : new RegExp(config.body_matches, 'm');
    const json = jsonExpectation(config);
    return {
      async check(signal): Promise<ProbeOutcome> {
        const bound = deadline(clock, config.timeout, signal);
        const startedAt = clock.now();
        try {
          const readBody = pattern !== undefined || json !== undefined;
          const { status, body } = await send(url, config, bound.signal, readBody);
          const value = clock.now() - startedAt;
          if (!statusOk(status)) return { ok: false, detail: `HTTP ${status}`, value };
          if (pattern && !pattern.test(body))
            return { ok: false, detail: `HTTP ${status}, body did not match /${pattern.source}/`, value };
          const jsonProblem = json?.(body);
          if (jsonProblem) return { ok: false, detail: `HTTP ${status}, ${jsonProblem}`, value };
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

/** Checks the JSON body against json_path / json_equals / json_matches: a problem in words, or undefined. */
function jsonExpectation(
  config: z.output<typeof httpProbeSchema>,
): ((body: string) => string | undefined) | undefined {
  if (config.json_path === undefined) return undefined;
  const where = config.json_path;
  const steps = parseJsonPath(where) as JsonPathStep[];
  const pattern = config.json_matches === undefined ? undefined : new RegExp(config.json_matches, 'm');
  return (body) => {
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      return `body is not JSON: ${body.slice(0, 80).trim()}`;
    }
    const selected = selectJsonPath(document, steps);
    if (!selected.found) return `${selected.missing} is not in the body`;
    const shown = jsonText(selected.value).slice(0, 120);
    if (config.json_equals !== undefined && selected.value !== config.json_equals)
      return `${where} is ${shown}, expected ${JSON.stringify(config.json_equals)}`;
    if (pattern && !pattern.test(jsonText(selected.value)))
      return `${where} is ${shown}, did not match /${pattern.source}/`;
    return undefined;
  };
}

function send(
  url: URL,
  config: z.output<typeof httpProbeSchema>,
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
