// Test helper (not a test): an in-process cluster on free 127.0.0.1 ports, with fast timers.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from './config.js';
import { launch, type RunningNode } from './launch.js';

export interface TestCluster {
  ids: string[];
  running: Map<string, RunningNode>;
  logs: Map<string, string[]>;
  url(id: string): string;
  node(id: string): RunningNode;
  /** Stops a node the way SIGKILL would: no last checkpoint. */
  crash(id: string): Promise<void>;
  start(id: string): Promise<RunningNode>;
  dataDir(id: string): string;
  close(): Promise<void>;
}

export const FAST = {
  HEARTBEAT_INTERVAL: '50ms',
  HEARTBEAT_TIMEOUT: '300ms',
  CHECKPOINT_INTERVAL: '100ms',
  DRIFT_INTERVAL: '100ms',
};

export async function startCluster(size: number, env: Record<string, string> = {}): Promise<TestCluster> {
  const ids = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  const ports = new Map(await Promise.all(ids.map(async (id) => [id, await freePort()] as const)));
  const root = mkdtempSync(join(tmpdir(), 'refcluster-test-'));
  const running = new Map<string, RunningNode>();
  const logs = new Map<string, string[]>(ids.map((id) => [id, []]));
  const cluster: TestCluster = {
    ids,
    running,
    logs,
    url: (id) => `http://127.0.0.1:${ports.get(id)}`,
    node(id) {
      const node = running.get(id);
      if (!node) throw new Error(`${id} is not running`);
      return node;
    },
    async crash(id) {
      await running.get(id)?.stop(false);
      running.delete(id);
    },
    async start(id) {
      const peers = ids.filter((p) => p !== id).map((p) => `${p}=127.0.0.1:${ports.get(p)}`);
      const config = parseConfig({
        ...FAST,
        ...env,
        NODE_ID: id,
        PORT: String(ports.get(id)),
        PEERS: peers.join(','),
        DATA_DIR: cluster.dataDir(id),
      });
      const node = await launch(config, (line) => logs.get(id)!.push(line));
      running.set(id, node);
      return node;
    },
    dataDir: (id) => join(root, id),
    async close() {
      await Promise.all([...running.values()].map((node) => node.stop(false)));
      running.clear();
      rmSync(root, { recursive: true, force: true });
    },
  };
  for (const id of ids) await cluster.start(id);
  return cluster;
}

export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function put(url: string, key: string, value: string): Promise<number> {
  const response = await fetch(`${url}/kv/${encodeURIComponent(key)}`, { method: 'PUT', body: value });
  await response.text();
  return response.status;
}

export async function get(url: string, key: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/kv/${encodeURIComponent(key)}`);
  return { status: response.status, text: await response.text() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
