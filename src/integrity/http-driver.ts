import { parseJsonPath, selectJsonPath, type JsonPathStep } from '../probes/json-path.js';
import { requireOwnHost } from '../load/own-host.js';
import { httpCall } from './http-call.js';
import { httpLedgerSchema } from './http-driver-schema.js';
import {
  defineLedgerDriver,
  fillWrite,
  mentionsId,
  presentEach,
  type LedgerDriver,
} from './ledger-driver.js';

/** `http`: numbered writes through the system's HTTP API, read back per id or as one list. */
export const httpLedgerDriver = defineLedgerDriver({
  schema: httpLedgerSchema,
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
