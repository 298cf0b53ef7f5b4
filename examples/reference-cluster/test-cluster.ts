// Test helper (not a test): an in-process cluster on free 127.0.0.1 ports, with fast timers.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
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
  /** Cuts every path between the groups (both directions); `heal` restores them. */
  partition(...groups: string[][]): void;
  heal(): void;
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
  // Every node reaches every other through its own little proxy, so paths can be cut one by one.
  const links = new Map<string, CuttableLink>();
  for (const from of ids)
    for (const to of ids)
      if (from !== to) links.set(`${from}>${to}`, await CuttableLink.start(ports.get(to)!));
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
      const peers = ids.filter((p) => p !== id).map((p) => `${p}=127.0.0.1:${links.get(`${id}>${p}`)!.port}`);
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
    partition(...groups) {
      const side = (id: string): number => groups.findIndex((group) => group.includes(id));
      for (const [pair, link] of links) {
        const [from, to] = pair.split('>') as [string, string];
        if (side(from) !== side(to)) link.cut();
      }
    },
    heal() {
      for (const link of links.values()) link.restore();
    },
    async close() {
      await Promise.all([...running.values()].map((node) => node.stop(false)));
      for (const link of links.values()) link.close();
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

/** A TCP forwarder to one node that can be cut (open and new connections dropped) and restored. */
class CuttableLink {
  private down = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(upstreamPort: number): Promise<CuttableLink> {
    const port = await freePort();
    const server = createServer();
    const link = new CuttableLink(server, port);
    server.on('connection', (client) => link.accept(client, upstreamPort));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return link;
  }

  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.down = false;
  }

  close(): void {
    this.cut();
    this.server.close();
  }

  private accept(client: Socket, upstreamPort: number): void {
    if (this.down) return void client.destroy();
    const upstream = connect(upstreamPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
