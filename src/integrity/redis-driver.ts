import type { Redis as RedisClient, RedisOptions } from 'ioredis';
import { z } from 'zod';
import { loadOnDemand } from '../common/load-on-demand.js';
import { requireOwnHost } from '../load/own-host.js';
import { redisLedgerSchema } from './redis-driver-schema.js';
import { defineLedgerDriver, type LedgerDriver } from './ledger-driver.js';
import { RedisConnection, readOnFreshConnection } from './redis-connection.js';

/**
 * `redis`: each write is `SADD <key> <id>`, acknowledged by the server's reply; the read-back is
 * `SMEMBERS <key>`. Through Sentinel it writes to the current master and follows a failover. No
 * offline queue: a write while disconnected fails at once instead of waiting to be replayed later,
 * so an acknowledgement always means the master of that moment took it.
 */
export const redisLedgerDriver = defineLedgerDriver({
  schema: redisLedgerSchema,
  create(config, { runId, target, clock }): LedgerDriver {
    const options = clientOptions(config);
    const natHosts = Object.values(options.natMap ?? {}).map((to) => (to as { host: string }).host);
    const hosts = [...(options.sentinels?.map((s) => s.host ?? '') ?? [options.host ?? '']), ...natHosts];
    for (const host of hosts)
      requireOwnHost(new URL(`redis://${host}`), target.templateValues(), 'integrity');
    const key = config.key ?? `firedrill:ledger:${config.prefix ?? runId}`;
    const { Redis } = loadOnDemand<{ Redis: typeof RedisClient }>('ioredis');
    const writer = new RedisConnection(() => new Redis(options));
    // The read-back has its own connection, opened when it starts (through the Sentinels, to the
    // master of that moment), and a new one after any failure: the writer's may be long dead.
    const reader = new RedisConnection(() => new Redis({ ...options, maxRetriesPerRequest: 1 }));
    return {
      async open() {
        await writer
          .current()
          .connect()
          .catch(() => undefined);
      },
      async write(id, signal) {
        await bounded(writer.current().sadd(key, id), signal);
      },
      present: (_ids, signal) =>
        readOnFreshConnection(reader, (client) => bounded(client.smembers(key), signal), { clock, signal }),
      async close() {
        if (!config.keep)
          await readOnFreshConnection(
            reader,
            (client) => bounded(client.del(key), AbortSignal.timeout(2000)),
            {
              clock,
              signal: AbortSignal.timeout(3000),
            },
          ).catch(() => undefined);
        writer.drop();
        reader.drop();
      },
    };
  },
});

function clientOptions(config: z.output<typeof redisLedgerSchema>): RedisOptions {
  const common: RedisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => 100,
    ...(config.password !== undefined && { password: config.password }),
  };
  if (config.url !== undefined) {
    const url = new URL(config.url);
    const db = Number(url.pathname.slice(1) || 0);
    return {
      ...common,
      host: url.hostname,
      port: Number(url.port || 6379),
      db,
      tls: url.protocol === 'rediss:' ? {} : undefined,
    };
  }
  const sentinel = config.sentinel!;
  return {
    ...common,
    name: sentinel.name,
    sentinels: sentinel.hosts.map(splitHostPort),
    ...(sentinel.password !== undefined && { sentinelPassword: sentinel.password }),
    ...(sentinel.nat && {
      natMap: Object.fromEntries(Object.entries(sentinel.nat).map(([from, to]) => [from, splitHostPort(to)])),
    }),
    sentinelRetryStrategy: () => 100,
    failoverDetector: true,
  };
}

function splitHostPort(hostPort: string): { host: string; port: number } {
  const colon = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, colon), port: Number(hostPort.slice(colon + 1)) };
}

/** A command raced against the caller's signal (ioredis takes none): an abandoned write may still land. */
function bounded<T>(command: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    command.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
