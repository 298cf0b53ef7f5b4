import { TIMER_LIMIT_MS } from './duration.js';

/**
 * One monotonic clock for a run: every timestamp firedrill records is milliseconds since the
 * clock's origin, so measurements never mix wall time (which can jump) with monotonic time.
 */
export interface Clock {
  /** Monotonic milliseconds since this clock's origin. */
  now(): number;
  /** Wall time of a monotonic instant (for reports). */
  wallTime(t: number): Date;
  /** Resolves after `ms`; rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export class SystemClock implements Clock {
  private readonly origin = performance.now();
  private readonly originWall = Date.now();

  now(): number {
    return performance.now() - this.origin;
  }

  wallTime(t: number): Date {
    return new Date(this.originWall + t);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = (): void => {
        cancel();
        reject(signal?.reason);
      };
      const cancel = longTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * Resolves once `ms` have passed on `clock` and the I/O already waiting has been read: the bound
 * for a check, request or write. After the event loop stalled (a busy machine), Node runs the due
 * timers before it polls sockets and pipes, so a reply that arrived in time would lose to its own
 * timeout. The expiry waits for setImmediate (after the poll phase) and so wins only over a reply
 * that really had not come. Rejects with the signal's reason when aborted first.
 */
export async function expiry(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  await clock.sleep(ms, signal);
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
}

/**
 * Calls `fn` after `ms`, however long: setTimeout turns anything above 2^31-1 ms into 1 ms (a
 * `duration: 600h` fault would be reverted at once), so a longer wait is a chain of shorter timers,
 * each re-aimed at the deadline on the monotonic clock. Returns the cancel function.
 */
export function longTimeout(fn: () => void, ms: number): () => void {
  // NaN waits 0 as setTimeout does; Infinity chains forever.
  const deadline = performance.now() + (Number.isNaN(ms) ? 0 : Math.max(0, ms));
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    const left = deadline - performance.now();
    timer = left > TIMER_LIMIT_MS ? setTimeout(arm, TIMER_LIMIT_MS) : setTimeout(fn, Math.max(0, left));
  };
  arm();
  return () => clearTimeout(timer);
}
