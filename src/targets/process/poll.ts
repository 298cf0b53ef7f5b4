import type { Clock } from '../../common/clock.js';

export interface PollOptions {
  clock: Clock;
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Calls `check` until it returns true or `timeoutMs` passes; resolves with the last answer.
 * Rejects with the signal's reason when aborted.
 */
export async function pollUntil(
  check: () => Promise<boolean> | boolean,
  options: PollOptions,
): Promise<boolean> {
  const { clock, timeoutMs, intervalMs = 20, signal } = options;
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    if (await check()) return true;
    const left = deadline - clock.now();
    if (left <= 0) return false;
    await clock.sleep(Math.min(intervalMs, left), signal);
  }
}
