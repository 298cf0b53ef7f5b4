import { expiry, type Clock } from '../common/clock.js';

export interface Deadline {
  /** Fires when the caller's signal does, or when the time is up. */
  readonly signal: AbortSignal;
  timedOut(): boolean;
  /** Stops the timer; call once the check settled. */
  dispose(): void;
}

/**
 * A probe's own bound on one check, on the run's clock. The sampler bounds checks too; this keeps
 * a check bounded wherever it is called from, and lets it say "timeout" rather than "aborted".
 */
export function deadline(clock: Clock, timeoutMs: number, outer: AbortSignal): Deadline {
  const own = new AbortController();
  const timer = new AbortController();
  let expired = false;
  const onOuter = (): void => own.abort(outer.reason);
  if (outer.aborted) onOuter();
  else outer.addEventListener('abort', onOuter, { once: true });
  expiry(clock, timeoutMs, timer.signal).then(
    () => {
      expired = true;
      own.abort(new Error(`timeout after ${timeoutMs}ms`));
    },
    () => undefined,
  );
  return {
    signal: own.signal,
    timedOut: () => expired,
    dispose: () => {
      timer.abort();
      outer.removeEventListener('abort', onOuter);
    },
  };
}
