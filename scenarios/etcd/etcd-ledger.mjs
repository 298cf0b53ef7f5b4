// The RPO ledger for the etcd drills: each write is a put of `<prefix><id>` through etcd's v3
// JSON gateway (POST /v3/kv/put), acknowledged once etcd answers 200, which it does only after
// a majority committed it; the read-back is one range over the prefix (POST /v3/kv/range).
//
// Like a client configured with every member, it sends each request to the member that
// answered last and moves on to the next one when that fails or takes longer than
// `attempt_timeout_ms`. A put that timed out may still commit later; writing the same key again
// elsewhere is harmless (same key, same value).
//
// options: endpoints (base URLs, e.g. http://${nodes.etcd-1.host}:${nodes.etcd-1.port.2379}),
// prefix (firedrill/ledger/), attempt_timeout_ms (500).

/* global fetch, AbortSignal */
import { Buffer } from 'node:buffer';

const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');
const text = (encoded) => Buffer.from(encoded, 'base64').toString('utf8');

/** The first key after every key starting with `prefix` (etcd's range_end for a prefix). */
function prefixEnd(prefix) {
  const bytes = Buffer.from(prefix, 'utf8');
  bytes[bytes.length - 1] += 1;
  return bytes.toString('base64');
}

export default function etcdLedger({ options }) {
  const endpoints = options.endpoints;
  if (!Array.isArray(endpoints) || endpoints.length === 0)
    throw new Error('etcd-ledger: options.endpoints must list the members’ client URLs');
  const prefix = options.prefix ?? 'firedrill/ledger/';
  const attemptMs = options.attempt_timeout_ms ?? 500;
  let preferred = 0;

  async function call(path, body, signal) {
    let lastError;
    for (let i = 0; i < endpoints.length; i++) {
      const index = (preferred + i) % endpoints.length;
      const url = `${endpoints[index]}${path}`;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.any([signal, AbortSignal.timeout(attemptMs)]),
        });
        const answer = await response.text();
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${answer.slice(0, 200)}`);
        preferred = index;
        return JSON.parse(answer);
      } catch (error) {
        if (signal.aborted) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  return {
    async write(id, signal) {
      await call('/v3/kv/put', { key: base64(prefix + id), value: base64('1') }, signal);
    },
    async read(signal) {
      const answer = await call(
        '/v3/kv/range',
        { key: base64(prefix), range_end: prefixEnd(prefix), keys_only: true },
        signal,
      );
      return (answer.kvs ?? []).map((kv) => text(kv.key).slice(prefix.length));
    },
  };
}
