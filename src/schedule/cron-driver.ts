import { schedule as cronSchedule } from 'node-cron';

export interface CronSpec {
  name: string;
  cron: string;
  timezone: string;
}

export interface CronHandlers {
  /** A fire time came; `at` is the scheduled instant. Must return at once (the daemon queues). */
  fire(at: Date): void;
  /** A fire time passed unseen (the process was suspended, the machine slept). */
  missed(at: Date): void;
}

export interface CronTimer {
  stop(): void;
}

/** What turns a cron into fire events: node-cron in the daemon, a fake clock in tests. */
export interface CronDriver {
  schedule(spec: CronSpec, handlers: CronHandlers): CronTimer;
}

/** node-cron's timer: one task per tier, in the schedule's time zone. */
export const nodeCronDriver: CronDriver = {
  schedule(spec, handlers) {
    const task = cronSchedule(spec.cron, (context) => handlers.fire(context.date), {
      name: `firedrill-${spec.name}`,
      timezone: spec.timezone,
      // The handler only queues; overlap is the daemon's business, so node-cron never blocks a fire.
      noOverlap: false,
    });
    task.on('execution:missed', (context) => handlers.missed(context.date));
    return { stop: () => void task.destroy() };
  },
};
