import { expiry, type Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import type { Probe, ProbeOutcome, ProbeRole } from '../probes/probe.js';
import type { Sample } from '../result/sample.js';

export interface SamplerOptions {
  name: string;
  role: ProbeRole;
  intervalMs: number;
  /** Each check's own deadline: a slower check is recorded as failed. */
  timeoutMs: number;
  probe: Probe;
  clock: Clock;
  /** The drill's signal: aborting it stops sampling and cancels the running check. */
  signal: AbortSignal;
  /** Called with each sample as soon as it is taken. */
  onSample(sample: Sample): void;
  /** First tick (run-clock ms); default now. Lets several samplers share one grid. */
  startAt?: number;
}

export interface Sampler {
  /** Ticks that found the previous check still running: skipped, neither a pass nor a failure. */
  readonly skipped: number;
  /**
   * No sample still to come is dated before this: the start of the check before the latest one
   * (a log probe's sample is dated at a line that arrived after the previous check read its lines).
   * -Infinity until two checks started.
   */
  readonly pendingFrom: number;
  /** Stops ticking; resolves once the check in flight has produced its sample (or timed out). */
  stop(): Promise<void>;
}

type Settled = { kind: 'outcome'; outcome: ProbeOutcome } | { kind: 'timeout' } | { kind: 'aborted' };

/**
 * Samples one probe on a fixed grid: tick k is at `startAt + k * interval`, whatever the checks
 * took, so slow checks never make the series drift. A tick that finds the previous check still
 * running is skipped and counted (`skipped`), never a failure: a slow check says nothing about the
 * system until it ends, and then its own outcome counts, bounded by its timeout. A tick that
 * fires late (blocked event loop) is taken late with its lateness recorded
 * (`startedAt − scheduledAt`), and the ticks missed meanwhile are skipped, not bunched up.
 */
export function startSampler(options: SamplerOptions): Sampler {
  if (!(options.intervalMs > 0)) {
    throw new RangeError(`sampler ${options.name}: interval must be > 0, got ${options.intervalMs}`);
  }
  return new GridSampler(options);
}

class GridSampler implements Sampler {
  private readonly ticking = new AbortController();
  private readonly stopTicking = (): void => this.ticking.abort();
  private readonly start: number;
  /** The probe's own promise has not settled: the next tick would stack a second check. */
  private busy = false;
  /** Resolves once the check in flight has recorded its sample. */
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown;
  skipped = 0;
  /** When the last two checks started, older first. */
  private checkStarts = [-Infinity, -Infinity];
  private readonly looping: Promise<void>;

  constructor(private readonly options: SamplerOptions) {
    options.signal.addEventListener('abort', this.stopTicking, { once: true });
    this.start = options.startAt ?? options.clock.now();
    this.looping = this.loop();
  }

  get pendingFrom(): number {
    return this.checkStarts[0]!;
  }

  async stop(): Promise<void> {
    this.ticking.abort();
    this.options.signal.removeEventListener('abort', this.stopTicking);
    await this.looping;
    await this.inFlight;
    if (this.failure !== undefined) throw this.failure;
  }

  private async loop(): Promise<void> {
    const { clock, intervalMs } = this.options;
    for (let k = 0; !this.ticking.signal.aborted;) {
      const due = this.start + k * intervalMs;
      try {
        // Loops because a timer may fire a fraction of a millisecond early.
        for (let wait = due - clock.now(); wait > 0; wait = due - clock.now()) {
          await clock.sleep(wait, this.ticking.signal);
        }
      } catch {
        break;
      }
      this.tick(due);
      // The next grid point after now: skips the ticks a blocked event loop made us miss.
      k = Math.max(k + 1, Math.floor((clock.now() - this.start) / intervalMs) + 1);
    }
  }

  private tick(scheduledAt: number): void {
    if (this.busy) {
      this.skipped++;
      return;
    }
    this.busy = true;
    this.checkStarts = [this.checkStarts[1]!, this.options.clock.now()];
    const emit = (sample: Sample): void => this.emit(sample);
    this.inFlight = runCheck(this.options, scheduledAt, emit, () => (this.busy = false));
  }

  private emit(sample: Sample): void {
    try {
      this.options.onSample(sample);
    } catch (error) {
      // A consumer that cannot take samples (journal write failed) ends the sampling; stop() reports it.
      this.failure ??= error;
      this.ticking.abort();
    }
  }
}

function identity(options: SamplerOptions): Pick<Sample, 'probe' | 'role'> {
  return { probe: options.name, role: options.role };
}

/** Runs one check against its own timeout and the drill's signal; records its sample. */
async function runCheck(
  options: SamplerOptions,
  scheduledAt: number,
  emit: (sample: Sample) => void,
  onProbeSettled: () => void,
): Promise<void> {
  const { clock, timeoutMs, signal } = options;
  /** The check's own signal: follows the drill's signal while it runs, and fires on its timeout. */
  const own = new AbortController();
  const timer = new AbortController();
  let onAbort = (): void => {};
  const aborted = new Promise<Settled>((resolve) => {
    onAbort = () => {
      own.abort(signal.reason);
      resolve({ kind: 'aborted' });
    };
  });
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const startedAt = clock.now();
  let check: Promise<ProbeOutcome>;
  try {
    check = options.probe.check(own.signal);
  } catch (error) {
    check = Promise.reject(error);
  }
  const settled = check.then(
    (outcome): Settled => ({ kind: 'outcome', outcome }),
    (error: unknown): Settled => ({ kind: 'outcome', outcome: { ok: false, detail: errorMessage(error) } }),
  );
  void settled.finally(onProbeSettled);
  // Cancelled only once the race is decided: it must then settle nowhere. A fresh pending promise
  // per check, not one shared: each promise that adopts a pending one adds a reaction to it, so a
  // shared one held every check's race and outcome for the whole drill (60 checks/s in a 3-probe
  // drill at 20/s: the heap grew ~80 KB/s).
  const timedOut = expiry(clock, timeoutMs, timer.signal).then(
    (): Settled => ({ kind: 'timeout' }),
    () => new Promise<never>(() => {}),
  );
  const result = await Promise.race([settled, timedOut, aborted]);
  signal.removeEventListener('abort', onAbort);
  timer.abort();
  if (result.kind === 'timeout') own.abort(new Error(`timed out after ${timeoutMs}ms`));
  // A check cut short by the drill's own abort says nothing about the system: no sample.
  if (result.kind === 'aborted') return;
  const sample: Sample = { ...identity(options), scheduledAt, startedAt, endedAt: clock.now(), ok: false };
  if (result.kind === 'timeout') emit({ ...sample, detail: `timed out after ${timeoutMs}ms` });
  else {
    const { ok, detail, value, at } = result.outcome;
    emit({
      ...sample,
      // An observed event's own time (bounded by the check's end: a probe cannot see the future).
      ...(at !== undefined &&
        Number.isFinite(at) && { startedAt: Math.min(at, sample.endedAt), observedEvent: true as const }),
      ok,
      ...(detail !== undefined ? { detail } : {}),
      ...(value !== undefined ? { value } : {}),
    });
  }
}
