import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpCall {
  url: URL;
  method: string;
  headers?: Record<string, string> | undefined;
  body?: string | undefined;
}

const MAX_BODY = 16 << 20;

/**
 * One request on a fresh connection (no pooled socket that a restarted server already closed):
 * status and body. Rejects on a network error or when `signal` fires.
 */
export function httpCall(call: HttpCall, signal: AbortSignal): Promise<{ status: number; body: string }> {
  const send = call.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      call.url,
      { method: call.method, headers: call.headers, agent: false, signal },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < MAX_BODY) body += chunk;
        });
        res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(call.body);
  });
}
