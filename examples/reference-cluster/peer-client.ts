import type { Peer } from './config.js';

export interface PeerReply<T = unknown> {
  status: number;
  body: T;
}

/** Node-to-node calls over HTTP (JSON), each bounded by a timeout. */
export class PeerClient {
  private readonly urls: Map<string, string>;

  constructor(peers: readonly Peer[]) {
    this.urls = new Map(peers.map((p) => [p.id, p.url]));
  }

  url(peer: string): string {
    const url = this.urls.get(peer);
    if (url === undefined) throw new Error(`unknown peer ${peer}`);
    return url;
  }

  async get<T>(peer: string, path: string, timeoutMs: number): Promise<PeerReply<T>> {
    return this.call<T>(peer, path, { method: 'GET' }, timeoutMs);
  }

  async post<T>(peer: string, path: string, body: unknown, timeoutMs: number): Promise<PeerReply<T>> {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
    return this.call<T>(peer, path, init, timeoutMs);
  }

  /** Relays a client's write to the leader; the answer goes back to the client as it is. */
  async forward(
    peer: string,
    path: string,
    value: string,
    from: string,
    timeoutMs: number,
  ): Promise<{ status: number; text: string }> {
    const response = await fetch(`${this.url(peer)}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain', 'x-forwarded-by': from },
      body: value,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, text: await response.text() };
  }

  private async call<T>(
    peer: string,
    path: string,
    init: RequestInit,
    timeoutMs: number,
  ): Promise<PeerReply<T>> {
    const response = await fetch(`${this.url(peer)}${path}`, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: parseJson(text) as T };
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return { error: text };
  }
}
