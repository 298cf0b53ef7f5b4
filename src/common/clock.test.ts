import { afterEach, describe, expect, it, vi } from 'vitest';
import { longTimeout, SystemClock } from './clock.js';
import { FakeClock } from './fake-clock.js';

const HOUR = 3_600_000;

describe('long waits', () => {
  afterEach(() => vi.useRealTimers());

  it('longTimeout holds 600h (beyond the 2^31-1 ms timer limit) and fires at the deadline', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const fired = vi.fn();
    longTimeout(fired, 600 * HOUR);
    vi.advanceTimersByTime(1000);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600 * HOUR - 1001);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('longTimeout can be cancelled in any link of its chain', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const fired = vi.fn();
    const cancel = longTimeout(fired, 600 * HOUR);
    vi.advanceTimersByTime(2 ** 31);
    cancel();
    vi.advanceTimersByTime(600 * HOUR);
    expect(fired).not.toHaveBeenCalled();
  });

  it('SystemClock.sleep(600h) does not resolve early, and aborts cleanly', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const clock = new SystemClock();
    let woke = false;
    const sleeping = clock.sleep(600 * HOUR).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(599 * HOUR);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(HOUR);
    await sleeping;
    expect(woke).toBe(true);

    const controller = new AbortController();
    const aborted = clock.sleep(600 * HOUR, controller.signal);
    await vi.advanceTimersByTimeAsync(2 ** 31 + 1000); // past one timer link, before the deadline
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
  });

  it('FakeClock wakes a 600h sleeper at 600h, and treats NaN as 0 like setTimeout', async () => {
    const clock = new FakeClock();
    let woke = false;
    void clock.sleep(600 * HOUR).then(() => (woke = true));
    await clock.advance(600 * HOUR - 1);
    expect(woke).toBe(false);
    await clock.advance(1);
    expect(woke).toBe(true);
    let nan = false;
    void clock.sleep(Number.NaN).then(() => (nan = true));
    await clock.advance(0);
    expect(nan).toBe(true);
  });
});
