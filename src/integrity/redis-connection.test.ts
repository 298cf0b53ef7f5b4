import { describe, expect, it } from 'vitest';
import { FakeClock } from '../common/fake-clock.js';
import { RedisConnection, readOnFreshConnection, type LedgerClient } from './redis-connection.js';

/** A client that fails its reads with `error` while `failures` lasts, then answers. */
function fakeClients(failures: number, error = 'Connection is closed.') {
  const made: Array<{ status: string; disconnected: boolean }> = [];
  let reads = 0;
  const create = (): LedgerClient => {
    const state = { status: 'wait', disconnected: false };
    made.push(state);
    return {
      get status() {
        return state.status;
      },
      connect: async () => {
        state.status = 'ready';
      },
      disconnect: () => {
        state.disconnected = true;
        state.status = 'end';
      },
      smembers: async () => {
        reads++;
        if (reads <= failures) {
          state.status = 'end';
          throw new Error(error);
        }
        return ['a-1', 'a-2'];
      },
      on: () => undefined,
    } as unknown as LedgerClient;
  };
  return { create, made };
}

/** Runs the fake clock forward until `promise` settles. */
async function drive<T>(clock: FakeClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  const done = promise.finally(() => (settled = true));
  done.catch(() => undefined);
  for (let i = 0; i < 1000 && !settled; i++) {
    await clock.advance(50);
    await new Promise((r) => setImmediate(r));
  }
  return done;
}

describe('the Redis ledger read-back connection', () => {
  it('reads on a new connection after each failure, with a doubling pause', async () => {
    const clock = new FakeClock();
    const { create, made } = fakeClients(3);
    const connection = new RedisConnection(create);
    const started = clock.now();
    const read = readOnFreshConnection(connection, (c) => c.smembers('k'), {
      clock,
      signal: new AbortController().signal,
    });
    expect(await drive(clock, read)).toEqual(['a-1', 'a-2']);
    expect(made).toHaveLength(4);
    expect(made.slice(0, 3).every((c) => c.disconnected)).toBe(true);
    // Pauses of 100, 200 and 400 ms between the four connections.
    expect(clock.now() - started).toBeGreaterThanOrEqual(700);
    expect(clock.now() - started).toBeLessThan(800);
  });

  it("gives up when the caller's deadline ends, naming the last error and the connections tried", async () => {
    const clock = new FakeClock();
    const { create } = fakeClients(Infinity);
    const controller = new AbortController();
    const read = readOnFreshConnection(new RedisConnection(create), (c) => c.smembers('k'), {
      clock,
      signal: controller.signal,
      maxBackoffMs: 400,
    });
    setTimeout(() => controller.abort(new Error('deadline')), 0);
    await expect(drive(clock, read)).rejects.toThrow(/^Connection is closed\. \(\d+ connections? tried\)$/);
  });

  it('replaces a client that ended by itself', () => {
    const { create, made } = fakeClients(0);
    const connection = new RedisConnection(create);
    const first = connection.current();
    expect(connection.current()).toBe(first);
    made[0]!.status = 'end';
    expect(connection.current()).not.toBe(first);
    expect(made).toHaveLength(2);
  });
});
