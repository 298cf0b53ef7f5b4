import type { Redis } from 'ioredis';
import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';

/** The part of an ioredis client the ledger uses; tests pass a fake. */
export type LedgerClient = Pick<
  Redis,
  'status' | 'connect' | 'disconnect' | 'sadd' | 'smembers' | 'del' | 'on'
>;

/**
 * One client at a time, replaced when it ended: ioredis gives up on a connection for good in some
 * failover races ("Connection is closed" on every later command); a new client asks the Sentinels
 * afresh for the master.
 */
export class RedisConnection {
  private client: LedgerClient | undefined;

  constructor(private readonly create: () => LedgerClient) {}

  /** The current client, a new one when there is none or it ended. */
  current(): LedgerClient {
    if (!this.client || this.client.status === 'end') {
      this.client?.disconnect();
      const client = this.create();
      // Connection errors show as failed commands; without a listener ioredis would print them.
      client.on('error', () => undefined);
      this.client = client;
    }
    return this.client;
  }

  /** Drops the current client: the next `current()` connects anew. */
  drop(): void {
    this.client?.disconnect();
    this.client = undefined;
  }
}

export interface FreshReadOptions {
  clock: Clock;
  signal: AbortSignal;
  /** First pause between attempts; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Runs `read` on a connected client, on a fresh connection after each failure (a closed or
 * half-open socket is never reused), pausing with a doubling backoff, until it succeeds or the
 * caller's signal (the read-back attempt's deadline) ends it; then rejects with the last error.
 */
export async function readOnFreshConnection<T>(
  connection: RedisConnection,
  read: (client: LedgerClient) => Promise<T>,
  options: FreshReadOptions,
): Promise<T> {
  let pause = options.backoffMs ?? 100;
  let lastError: unknown;
  for (let attempt = 1; ; attempt++) {
    if (options.signal.aborted) throw attemptsError(attempt - 1, lastError ?? options.signal.reason);
    try {
      const client = connection.current();
      if (client.status === 'wait') await client.connect();
      return await read(client);
    } catch (error) {
      lastError = error;
      connection.drop();
    }
    try {
      await options.clock.sleep(pause, options.signal);
    } catch {
      throw attemptsError(attempt, lastError);
    }
    pause = Math.min(pause * 2, options.maxBackoffMs ?? 1000);
  }
}

function attemptsError(attempts: number, cause: unknown): Error {
  const plural = attempts === 1 ? '' : 's';
  return new Error(`${errorMessage(cause)} (${attempts} connection${plural} tried)`, { cause });
}
