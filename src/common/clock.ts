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
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
