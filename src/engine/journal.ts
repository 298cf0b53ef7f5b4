import { closeSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../common/clock.js';
import { appendTo, openAppendSafely } from '../common/safe-write.js';

/** One line of `events.ndjson`. `t` is ms on the run clock, `time` the wall time. */
export interface JournalEvent {
  t: number;
  time: string;
  type: string;
  [field: string]: unknown;
}

/**
 * The run's journal: each event is appended (synchronously) the moment it happens, so that a
 * crash loses nothing that had already happened.
 */
export class Journal {
  readonly events: JournalEvent[] = [];
  private basePhase = 'start';
  private activeFaults = 0;

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
    private readonly listener: (event: JournalEvent) => void = () => undefined,
  ) {
    mkdirSync(dirname(file), { recursive: true });
  }

  /**
   * The phase the run is in: the last `phase` event, where `faults` means a fault is in place (the
   * recovery watch starts with the faults, so the phase events alone cannot tell them apart).
   */
  get phase(): string {
    return this.activeFaults > 0 && this.basePhase === 'recovery' ? 'faults' : this.basePhase;
  }

  private track(type: string, fields: Record<string, unknown>): void {
    if (type === 'phase' && typeof fields.phase === 'string') this.basePhase = fields.phase;
    else if (type === 'fault.injected') this.activeFaults++;
    else if (type === 'fault.reverted') this.activeFaults = Math.max(0, this.activeFaults - 1);
  }

  record(type: string, fields: Record<string, unknown> = {}): JournalEvent {
    const t = this.clock.now();
    const event: JournalEvent = { t: round(t), time: this.clock.wallTime(t).toISOString(), type, ...fields };
    this.events.push(event);
    this.track(type, fields);
    // Opened per event, never through a symlink: the file may be swapped while a long run goes on.
    const fd = openAppendSafely(this.file);
    try {
      appendTo(fd, `${JSON.stringify(event)}\n`);
    } finally {
      closeSync(fd);
    }
    this.listener(event);
    return event;
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
