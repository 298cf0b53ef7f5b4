import type { Clock } from './clock.js';

interface Sleeper {
  wakeAt: number;
  resolve: () => void;
}

/** A clock for tests: time moves only when `advance` is called. */
export class FakeClock implements Clock {
  private t = 0;
  private sleepers: Sleeper[] = [];

  constructor(private readonly originWall = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.t;
  }

  wallTime(t: number): Date {
    return new Date(this.originWall + t);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason);
      };
      const sleeper: Sleeper = {
        wakeAt: this.t + (Number.isNaN(ms) ? 0 : Math.max(0, ms)),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Moves time forward, waking sleepers in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = this.sleepers.filter((s) => s.wakeAt <= end).sort((a, b) => a.wakeAt - b.wakeAt)[0];
      if (!next) break;
      this.t = next.wakeAt;
      this.sleepers = this.sleepers.filter((s) => s !== next);
      next.resolve();
      // Two turns: a woken timeout first lets pending I/O be read (`expiry`), then settles.
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
    }
    this.t = end;
  }
}
