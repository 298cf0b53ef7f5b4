import { z } from 'zod';
import { jsonPath, parseJsonPath, selectJsonPath, type JsonPathStep } from '../probes/json-path.js';
import { templatedUrl } from '../probes/probe-fields.js';
import { requireOwnHost } from '../load/own-host.js';
import { httpCall } from './http-call.js';
import { ledgerBase } from './ledger-base.js';
import {
  defineLedgerDriver,
  fillWrite,
  mentionsId,
  presentEach,
  type LedgerDriver,
} from './ledger-driver.js';

const request = z.strictObject({
  url: templatedUrl.meta({ description: 'May use ${id} (the write id) and ${nodes...} templates.' }),
  headers: z.record(z.string(), z.string()).optional(),
});

const schema = ledgerBase
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

/** `http`: numbered writes through the system's HTTP API, read back per id or as one list. */
export const httpLedgerDriver = defineLedgerDriver({
  schema,
  create(config, { target }): LedgerDriver {
    const { write, read } = config;
    requireOwnHost(new URL(fillWrite(write.url, 'x', 0)), target.templateValues(), 'integrity.write.url');
    requireOwnHost(new URL(fillWrite(read.url, 'x', 0)), target.templateValues(), 'integrity.read.url');
    return {
      async write(id, signal) {
        const call = {
          url: new URL(fillWrite(write.url, id, id)),
          method: write.method,
          headers: write.headers,
        };
        const { status, body } = await httpCall({ ...call, body: fillWrite(write.body, id, id) }, signal);
        if (status < 200 || status > 299) throw new Error(`HTTP ${status} ${body.slice(0, 80).trim()}`);
      },
      async present(ids, signal) {
        if (mentionsId(read.url)) {
          return presentEach(
            ids,
            async (id, bound) => {
              const url = new URL(fillWrite(read.url, id, id));
              const { status } = await httpCall({ url, method: 'GET', headers: read.headers }, bound);
              if (status >= 200 && status <= 299) return true;
              if (status === 404 || status === 410) return false;
              throw new Error(`reading ${id}: HTTP ${status}`);
            },
            signal,
          );
        }
        const { status, body } = await httpCall(
          { url: new URL(read.url), method: 'GET', headers: read.headers },
          signal,
        );
        if (status < 200 || status > 299) throw new Error(`reading the list: HTTP ${status}`);
        return parseIdList(body, read.json_path);
      },
    };
  },
});

/** A JSON array of ids (strings or numbers), optionally at a JSON path, or plain text with one id per line. */
export function parseIdList(body: string, path?: string): string[] {
  const trimmed = body.trim();
  if (path === undefined && !trimmed.startsWith('[') && !trimmed.startsWith('{'))
    return trimmed.split(/\s+/).filter(Boolean);
  const document: unknown = JSON.parse(trimmed);
  const selected =
    path === undefined
      ? { found: true as const, value: document }
      : selectJsonPath(document, parseJsonPath(path) as JsonPathStep[]);
  if (!selected.found) throw new Error(`the list answer has no ${selected.missing}`);
  if (!Array.isArray(selected.value))
    throw new Error(`expected an array of ids${path ? ` at ${path}` : ''}, found ${typeof selected.value}`);
  return selected.value.map((item) => String(item));
}
