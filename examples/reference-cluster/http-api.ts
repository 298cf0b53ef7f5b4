import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ClusterNode, Heartbeat } from './cluster-node.js';
import { nodeDigest } from './digest.js';
import { setSetting } from './drift-watch.js';
import { handleReplicate } from './follower.js';
import type { ReplicateRequest } from './follower-stream.js';
import { nodeStatus } from './status.js';
import { clientRead, clientWrite, type Answer } from './writes.js';

const MAX_BODY = 16 << 20;

/**
 * The node's HTTP API. Clients: /health, /ready, /status, /kv/<key>. Nodes: /internal/*.
 * Operators (and drills that make drift on purpose): /admin/settings/<name>, /admin/kv/<key>,
 * which change this one node out of band, bypassing replication.
 */
export function createApi(node: ClusterNode): Server {
  return createServer((req, res) => {
    route(node, req)
      .then((answer) => send(res, answer))
      .catch((error: Error) => send(res, json(500, { error: error.message })));
  });
}

async function route(node: ClusterNode, req: IncomingMessage): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'http://node');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const key = (prefix: string): string => decodeURIComponent(path.slice(prefix.length));

  if (path.startsWith('/kv/') && path.length > 4) {
    if (method === 'GET') return clientRead(node, key('/kv/'));
    if (method === 'PUT' || method === 'POST') {
      const forwardedBy = req.headers['x-forwarded-by'];
      return clientWrite(
        node,
        key('/kv/'),
        await readBody(req),
        typeof forwardedBy === 'string' ? forwardedBy : undefined,
      );
    }
  }
  if (method === 'GET') {
    switch (path) {
      case '/health':
        return node.quarantined || node.restoring
          ? json(503, { status: node.mode(), id: node.id })
          : json(200, { status: 'ok', id: node.id });
      case '/ready':
        return json(node.ready() ? 200 : 503, {
          ready: node.ready(),
          mode: node.mode(),
          leader: node.view.leader ?? null,
        });
      case '/status':
        return json(200, nodeStatus(node));
      case '/digest': {
        if (node.quarantined || node.restoring) return json(503, { error: node.mode() });
        const digest = nodeDigest(node, url.searchParams.get('at'));
        return json(digest.status, digest.body);
      }
      case '/internal/position':
        return unlessRestoring(node, () => node.store.position);
      case '/internal/snapshot':
        return unlessRestoring(node, () => node.store.snapshot());
      case '/internal/fingerprint':
        return unlessRestoring(node, () => node.driftWatch.fingerprint());
      case '/admin/settings':
        return json(200, node.settings);
    }
  }
  if (method === 'POST' && path === '/internal/heartbeat') {
    return json(200, node.receiveHeartbeat(JSON.parse(await readBody(req)) as Heartbeat));
  }
  if (method === 'POST' && path === '/internal/replicate') {
    const { status, body } = handleReplicate(node, JSON.parse(await readBody(req)) as ReplicateRequest);
    return json(status, body);
  }
  if (path.startsWith('/admin/settings/') && method === 'PUT') {
    const problem = setSetting(node.settings, key('/admin/settings/'), (await readBody(req)).trim());
    if (problem) return json(400, { error: problem });
    node.log(`admin: setting ${key('/admin/settings/')} changed out of band`);
    return json(200, node.settings);
  }
  if (path.startsWith('/admin/kv/') && (method === 'PUT' || method === 'DELETE')) {
    node.store.tamper(key('/admin/kv/'), method === 'PUT' ? await readBody(req) : undefined);
    node.log(`admin: key ${key('/admin/kv/')} changed out of band`);
    return json(200, { key: key('/admin/kv/') });
  }
  return json(404, { error: `no route ${method} ${path}` });
}

function unlessRestoring(node: ClusterNode, value: () => unknown): Answer {
  if (node.quarantined || node.restoring) return json(503, { error: node.mode() });
  return json(200, value());
}

function json(status: number, body: unknown): Answer {
  return { status, body: JSON.stringify(body) };
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
  res.end(answer.body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}
