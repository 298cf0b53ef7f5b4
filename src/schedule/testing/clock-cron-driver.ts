import type { Clock } from '../../common/clock.js';
import { CronCalendar } from '../calendar.js';
import type { CronDriver, CronHandlers, CronSpec, CronTimer } from '../cron-driver.js';

/**
 * Fires crons on an injected Clock (a FakeClock in tests), at the times the calendar computes:
 * the daemon's queue and due logic can be driven through months in milliseconds.
 */
export class ClockCronDriver implements CronDriver {
  constructor(private readonly clock: Clock) {}

  schedule(spec: CronSpec, handlers: CronHandlers): CronTimer {
    const calendar = new CronCalendar(spec.cron, spec.timezone);
    const controller = new AbortController();
    void this.loop(calendar, handlers, controller.signal);
    return { stop: () => controller.abort() };
  }

  private async loop(calendar: CronCalendar, handlers: CronHandlers, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const now = this.clock.wallTime(this.clock.now());
      const [next] = calendar.nextAfter(now);
      if (!next) return;
      try {
        await this.clock.sleep(next.getTime() - now.getTime(), signal);
      } catch {
        return; // stopped
      }
      handlers.fire(next);
    }
  }
}
