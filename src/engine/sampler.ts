import type { Clock } from '../common/clock.js';
import { errorMessage } from '../common/errors.js';
import type { Probe, ProbeOutcome, ProbeRole } from '../probes/probe.js';
import type { Sample } from './sample.js';

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
  /** Stops ticking; resolves once the check in flight has produced its sample (or timed out). */
  stop(): Promise<void>;
}

type Settled = { kind: 'outcome'; outcome: ProbeOutcome } | { kind: 'timeout' } | { kind: 'aborted' };

const never = new Promise<never>(() => {});

/**
 * Samples one probe on a fixed grid: tick k is at `startAt + k * interval`, whatever the checks
 * took, so slow checks never make the series drift. A tick that finds the previous check still
 * running records an `overrun` failure instead of starting a second one beside it. A tick that
 * fires late (blocked event loop) is taken late with its lateness recorded
 * (`startedAt − scheduledAt`), and the ticks missed meanwhile are skipped, not bunched up.
 */
export function startSampler(options: SamplerOptions): Sampler {
  const { clock, intervalMs, signal } = options;
  if (!(intervalMs > 0))
    throw new RangeError(`sampler ${options.name}: interval must be > 0, got ${intervalMs}`);
  const ticking = new AbortController();
  const stopTicking = (): void => ticking.abort();
  signal.addEventListener('abort', stopTicking, { once: true });
  const start = options.startAt ?? clock.now();
  /** The probe's own promise has not settled: the next tick would stack a second check. */
  let busy = false;
  /** The sample of the check in flight, once recorded. */
  let inFlight: Promise<void> = Promise.resolve();
  let failure: unknown;

  const emit = (sample: Sample): void => {
    try {
      options.onSample(sample);
    } catch (error) {
      // A consumer that cannot take samples (journal write failed) ends the sampling; stop() reports it.
      failure ??= error;
      ticking.abort();
    }
  };

  const tick = (scheduledAt: number): void => {
    const now = clock.now();
    if (busy) {
      const detail = 'previous check still running';
      emit({
        ...identity(options),
        scheduledAt,
        startedAt: now,
        endedAt: now,
        ok: false,
        overrun: true,
        detail,
      });
      return;
    }
    busy = true;
    inFlight = runCheck(options, scheduledAt, emit, () => (busy = false));
  };

  const loop = async (): Promise<void> => {
    for (let k = 0; !ticking.signal.aborted;) {
      const due = start + k * intervalMs;
      try {
        for (let wait = due - clock.now(); wait > 0; wait = due - clock.now())
          await clock.sleep(wait, ticking.signal);
      } catch {
        break;
      }
      tick(due);
      // The next grid point after now: skips the ticks a blocked event loop made us miss.
      k = Math.max(k + 1, Math.floor((clock.now() - start) / intervalMs) + 1);
    }
  };
  const looping = loop();

  return {
    async stop(): Promise<void> {
      ticking.abort();
      signal.removeEventListener('abort', stopTicking);
      await looping;
      await inFlight;
      if (failure !== undefined) throw failure;
    },
  };
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
  const own = new AbortController();
  const startedAt = clock.now();
  let check: Promise<ProbeOutcome>;
  try {
    check = options.probe.check(AbortSignal.any([signal, own.signal]));
  } catch (error) {
    check = Promise.reject(error);
  }
  const settled = check.then(
    (outcome): Settled => ({ kind: 'outcome', outcome }),
    (error: unknown): Settled => ({ kind: 'outcome', outcome: { ok: false, detail: errorMessage(error) } }),
  );
  void settled.finally(onProbeSettled);
  const timedOut = clock.sleep(timeoutMs, own.signal).then(
    (): Settled => ({ kind: 'timeout' }),
    () => never,
  );
  let onAbort = (): void => {};
  const aborted = new Promise<Settled>((resolve) => {
    onAbort = () => resolve({ kind: 'aborted' });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const result = await Promise.race([settled, timedOut, aborted]);
  signal.removeEventListener('abort', onAbort);
  // Cancels the timeout timer, and the check itself when it timed out.
  own.abort(new Error(`timed out after ${timeoutMs}ms`));
  // A check cut short by the drill's own abort says nothing about the system: no sample.
  if (result.kind === 'aborted') return;
  const sample: Sample = { ...identity(options), scheduledAt, startedAt, endedAt: clock.now(), ok: false };
  if (result.kind === 'timeout') emit({ ...sample, detail: `timed out after ${timeoutMs}ms` });
  else emit({ ...sample, ...result.outcome, ok: result.outcome.ok });
}
