// The RPO ledger for the etcd drills: each write is a put of `<prefix><id>` through etcd's v3
// JSON gateway (POST /v3/kv/put), acknowledged once etcd answers 200, which it does only after
// a majority committed it; the read-back is one range over the prefix (POST /v3/kv/range).
//
// Like a client configured with every member, it sends each request to the member that
// answered last and moves on to the next one when that fails or takes longer than
// `attempt_timeout_ms`. A put that timed out may still commit later; writing the same key again
// elsewhere is harmless (same key, same value).
//
// It runs inside firedrill's own process, so it is kept cheap: node:http over kept-alive
// connections (fetch cost about 3x the CPU per write, and on a machine busy enough to leave
// firedrill a tenth of a core, 20 writes/s through fetch starved firedrill's own timers and
// checks). An attempt's timeout lets a reply that already arrived win: after the event loop
// stalled, Node runs due timers before it reads sockets (see expiry in src/common/clock.ts).
//
// options: endpoints (base URLs, e.g. http://${nodes.etcd-1.host}:${nodes.etcd-1.port.2379}),
// prefix (firedrill/ledger/), attempt_timeout_ms (500).

/* global setTimeout, clearTimeout, setImmediate */
import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';

const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');
const text = (encoded) => Buffer.from(encoded, 'base64').toString('utf8');

/** The first key after every key starting with `prefix` (etcd's range_end for a prefix). */
function prefixEnd(prefix) {
  const bytes = Buffer.from(prefix, 'utf8');
  bytes[bytes.length - 1] += 1;
  return bytes.toString('base64');
}

/**
 * One POST with a JSON body: { status, text }. Rejects on a network error, when `signal` fires,
 * or `attemptMs` after it was sent unless the answer was already waiting to be read.
 */
function post(agent, url, body, signal, attemptMs) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    });
    let settled = false;
    const finish = (error, answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(answer);
    };
    const onAbort = () => finish(signal.reason);
    // setImmediate runs after the poll phase: an answer already in the socket is read first.
    const timer = setTimeout(
      () => setImmediate(() => finish(new Error(`${url}: no answer within ${attemptMs}ms`))),
      attemptMs,
    );
    signal.addEventListener('abort', onAbort, { once: true });
    req.once('error', (error) => finish(error));
    req.once('response', (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.once('error', (error) => finish(error));
      res.once('end', () =>
        finish(undefined, { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.end(payload);
  });
}

export default function etcdLedger({ options }) {
  const endpoints = options.endpoints;
  if (!Array.isArray(endpoints) || endpoints.length === 0)
    throw new Error('etcd-ledger: options.endpoints must list the members’ client URLs');
  const prefix = options.prefix ?? 'firedrill/ledger/';
  const attemptMs = options.attempt_timeout_ms ?? 500;
  const agent = new Agent({ keepAlive: true });
  let preferred = 0;

  async function call(path, body, signal) {
    let lastError;
    for (let i = 0; i < endpoints.length; i++) {
      const index = (preferred + i) % endpoints.length;
      const url = `${endpoints[index]}${path}`;
      try {
        signal.throwIfAborted();
        const answer = await post(agent, url, body, signal, attemptMs);
        if (answer.status < 200 || answer.status > 299)
          throw new Error(`${url}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
        preferred = index;
        return JSON.parse(answer.text);
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
    close() {
      agent.destroy();
    },
  };
}
