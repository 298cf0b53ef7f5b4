import type { Clock } from './clock.js';

/** Arrivals handled back to back before the loop gives the event loop a turn. */
const YIELD_EVERY = 64;

/**
 * Paces a fixed-rate loop (load arrivals, ledger writes): sleeps until each arrival is due, and
 * when the loop runs behind (a very high rate) still yields to the event loop every few arrivals,
 * so that signals, timers and I/O are served and SIGINT is never ignored.
 */
export class Pace {
  private sinceYield = 0;

  constructor(
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
  ) {}

  /** Resolves at `due` (run-clock ms); false when stopped meanwhile. */
  async until(due: number): Promise<boolean> {
    try {
      let wait = due - this.clock.now();
      if (wait > 0) {
        this.sinceYield = 0;
        for (; wait > 0; wait = due - this.clock.now()) await this.clock.sleep(wait, this.signal);
      } else if (++this.sinceYield >= YIELD_EVERY) {
        this.sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch {
      return false;
    }
    return !this.signal.aborted;
  }
}
