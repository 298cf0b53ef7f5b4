/** The few Toxiproxy API calls faults make, each bounded by a timeout; errors carry the status. */

export interface ToxicSpec {
  name: string;
  type: string;
  stream: 'upstream' | 'downstream';
  toxicity: number;
  attributes: Record<string, number>;
}

interface ProxyState {
  enabled: boolean;
  toxics: ToxicSpec[];
}

const TIMEOUT_MS = 5000;

async function call(url: string, method: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`Toxiproxy ${method} ${new URL(url).pathname}: HTTP ${response.status} ${text.trim()}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

const proxyUrl = (server: string, proxy: string): string => `${server}/proxies/${encodeURIComponent(proxy)}`;

export function proxyState(server: string, proxy: string): Promise<ProxyState> {
  return call(proxyUrl(server, proxy), 'GET') as Promise<ProxyState>;
}

export async function setProxyEnabled(server: string, proxy: string, enabled: boolean): Promise<void> {
  await call(proxyUrl(server, proxy), 'POST', { enabled });
}

export async function addToxic(server: string, proxy: string, toxic: ToxicSpec): Promise<void> {
  await call(`${proxyUrl(server, proxy)}/toxics`, 'POST', toxic);
}

export async function listToxics(server: string, proxy: string): Promise<ToxicSpec[]> {
  return (await call(`${proxyUrl(server, proxy)}/toxics`, 'GET')) as ToxicSpec[];
}
