import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Replication = 'sync' | 'async';

export interface Peer {
  id: string;
  /** http://host:port: where this node reaches the peer (directly, or through a proxy). */
  url: string;
}

/**
 * Settings every node should hold with the same value. They are compared across the cluster for
 * drift; `cluster` and `replication` are protected (a difference is severe), the rest tunable.
 */
export interface Settings {
  cluster: string;
  replication: Replication;
  max_value_bytes: number;
}

export const PROTECTED_SETTINGS: ReadonlySet<keyof Settings> = new Set(['cluster', 'replication']);

export interface NodeConfig {
  id: string;
  host: string;
  port: number;
  peers: Peer[];
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  /** Async replication ships the log to followers this often: the window a leader crash loses. */
  asyncLagMs: number;
  /** Sync replication answers 503 when a majority has not stored a write within this time. */
  writeTimeoutMs: number;
  dataDir: string;
  checkpointIntervalMs: number;
  driftIntervalMs: number;
  /**
   * Drift is acted on (healed or quarantined) once the same differences were found at this many
   * consecutive checks. A difference seen once may be a change in flight; and an out-of-band
   * change always stays in place for at least one drift interval, long enough to be seen biting.
   */
  driftConfirmations: number;
  /** More drifted keys than this (or any protected setting) is severe: the node quarantines itself. */
  driftSevereKeys: number;
  settings: Settings;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads a node's configuration from environment variables (see the README's table). */
export function parseConfig(env: Env): NodeConfig {
  const id = required(env, 'NODE_ID');
  const port = integer(env, 'PORT', undefined, 1, 65535);
  const heartbeatIntervalMs = millis(env, 'HEARTBEAT_INTERVAL', 250);
  const heartbeatTimeoutMs = millis(env, 'HEARTBEAT_TIMEOUT', 1500);
  if (heartbeatTimeoutMs <= heartbeatIntervalMs) {
    throw new ConfigError(
      `HEARTBEAT_TIMEOUT (${heartbeatTimeoutMs}ms) must be longer than HEARTBEAT_INTERVAL ` +
        `(${heartbeatIntervalMs}ms): peers would be declared down between two heartbeats`,
    );
  }
  const peers = parsePeers(env.PEERS ?? '', id);
  return {
    id,
    host: env.HOST ?? '127.0.0.1',
    port,
    peers,
    heartbeatIntervalMs,
    heartbeatTimeoutMs,
    asyncLagMs: millis(env, 'ASYNC_LAG', 500),
    writeTimeoutMs: millis(env, 'WRITE_TIMEOUT', 2000),
    dataDir: env.DATA_DIR ?? join(tmpdir(), 'firedrill-reference-cluster', `${id}-${port}`),
    checkpointIntervalMs: millis(env, 'CHECKPOINT_INTERVAL', 1000),
    driftIntervalMs: millis(env, 'DRIFT_INTERVAL', 1000),
    driftConfirmations: integer(env, 'DRIFT_CONFIRMATIONS', 2, 1, 100),
    driftSevereKeys: integer(env, 'DRIFT_SEVERE_KEYS', 3, 0, 1_000_000),
    settings: {
      cluster: env.CLUSTER ?? 'reference',
      replication: replication(env.REPLICATION ?? 'sync'),
      max_value_bytes: integer(env, 'MAX_VALUE_BYTES', 4096, 1, 1 << 20),
    },
  };
}

/** `n2=127.0.0.1:7002,n3=127.0.0.1:7003` (or `n2=http://...`). */
export function parsePeers(text: string, self: string): Peer[] {
  const peers: Peer[] = [];
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z0-9_-]+)=(.+)$/.exec(item);
    if (!match) {
      throw new ConfigError(`PEERS: expected id=host:port, found "${item}" (e.g. PEERS=n2=127.0.0.1:7002)`);
    }
    const [, id, address] = match as unknown as [string, string, string];
    if (id === self) throw new ConfigError(`PEERS lists this node itself (${id}): list only the others`);
    if (peers.some((p) => p.id === id)) throw new ConfigError(`PEERS lists ${id} twice`);
    const url = address.startsWith('http') ? address : `http://${address}`;
    if (!/^https?:\/\/[^/:]+:\d+\/?$/.test(url)) {
      throw new ConfigError(`PEERS: ${id}'s address "${address}" is not host:port`);
    }
    peers.push({ id, url: url.replace(/\/$/, '') });
  }
  return peers;
}

/** `1500`, `1500ms`, `1.5s`: milliseconds. */
export function parseMillis(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  return Math.round(value);
}

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is not set`);
  return value;
}

function millis(env: Env, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = parseMillis(text);
  if (value === undefined || value <= 0) {
    throw new ConfigError(`${name}: expected a duration such as 250ms or 1.5s, found "${text}"`);
  }
  return value;
}

function integer(env: Env, name: string, fallback: number | undefined, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') {
    if (fallback === undefined) throw new ConfigError(`${name} is not set`);
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}: expected a whole number from ${min} to ${max}, found "${text}"`);
  }
  return value;
}

function replication(text: string): Replication {
  if (text === 'sync' || text === 'async') return text;
  throw new ConfigError(`REPLICATION: expected sync or async, found "${text}"`);
}
