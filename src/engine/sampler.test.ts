import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SystemClock, type Clock } from '../common/clock.js';
import { FakeClock } from '../common/fake-clock.js';
import type { Probe, ProbeOutcome } from '../probes/probe.js';
import type { Sample } from '../result/sample.js';
import { startSampler, type SamplerOptions } from './sampler.js';

/** A probe whose checks take `takesMs` on the fake clock; counts how many run at once. */
function slowProbe(
  clock: Clock,
  takesMs: number,
  options: { honoursAbort?: boolean; outcome?: ProbeOutcome } = {},
) {
  const stats = { running: 0, maxRunning: 0, calls: 0, aborted: 0 };
  const probe: Probe = {
    async check(signal) {
      stats.calls++;
      stats.running++;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      signal.addEventListener('abort', () => stats.aborted++, { once: true });
      try {
        await clock.sleep(takesMs, options.honoursAbort === false ? undefined : signal);
        return options.outcome ?? { ok: true, value: takesMs };
      } finally {
        stats.running--;
      }
    },
  };
  return { probe, stats };
}

function sampler(clock: Clock, probe: Probe, overrides: Partial<SamplerOptions> = {}) {
  const samples: Sample[] = [];
  const controller = new AbortController();
  const s = startSampler({
    name: 'api',
    role: 'steady',
    intervalMs: 100,
    timeoutMs: 1000,
    probe,
    clock,
    signal: controller.signal,
    onSample: (sample) => samples.push(sample),
    ...overrides,
  });
  return {
    samples,
    controller,
    stop: () => s.stop(),
    skipped: () => s.skipped,
    pendingFrom: () => s.pendingFrom,
  };
}

/** Stops the sampler while time moves on, so that the check in flight can finish. */
async function stopWhileAdvancing(clock: FakeClock, stop: () => Promise<void>, ms = 1000): Promise<void> {
  const stopping = stop();
  await clock.advance(ms);
  await stopping;
}

describe('startSampler', () => {
  it('samples on the grid start + k * interval, without drift from the check duration', async () => {
    const clock = new FakeClock();
    await clock.advance(7);
    const { probe } = slowProbe(clock, 30);
    const { samples, stop } = sampler(clock, probe);
    await clock.advance(1000);
    await stopWhileAdvancing(clock, stop);
    expect(samples.map((s) => s.scheduledAt)).toEqual([7, 107, 207, 307, 407, 507, 607, 707, 807, 907, 1007]);
    expect(samples.every((s) => s.startedAt === s.scheduledAt && s.endedAt === s.startedAt + 30)).toBe(true);
    expect(samples[0]).toEqual({
      probe: 'api',
      role: 'steady',
      scheduledAt: 7,
      startedAt: 7,
      endedAt: 37,
      ok: true,
      value: 30,
    });
  });

  it('skips a tick that finds the previous check still running: no failure, its own outcome counts', async () => {
    const clock = new FakeClock();
    // A check that takes 250ms on a 100ms grid with a 1s timeout: slow, but it succeeds.
    const { probe, stats } = slowProbe(clock, 250);
    const { samples, stop, skipped } = sampler(clock, probe);
    await clock.advance(650);
    await stopWhileAdvancing(clock, stop);
    expect(stats.maxRunning).toBe(1);
    expect(samples.map((s) => [s.scheduledAt, s.ok])).toEqual([
      [0, true],
      [300, true],
      [600, true],
    ]);
    expect(samples.every((s) => s.endedAt - s.startedAt === 250)).toBe(true);
    // Ticks 100, 200, 400, 500 found a check running: counted, neither a pass nor a failure.
    expect(skipped()).toBe(4);
  });

  it('fails a check that exceeds its timeout and cancels it through its signal', async () => {
    const clock = new FakeClock();
    const { probe, stats } = slowProbe(clock, 500);
    const { samples, stop } = sampler(clock, probe, { intervalMs: 1000, timeoutMs: 200 });
    await clock.advance(300);
    expect(samples).toEqual([
      {
        probe: 'api',
        role: 'steady',
        scheduledAt: 0,
        startedAt: 0,
        endedAt: 200,
        ok: false,
        detail: 'timed out after 200ms',
      },
    ]);
    expect(stats.aborted).toBe(1);
    await stop();
  });

  it('skips ticks while a timed-out check that ignores its signal keeps running', async () => {
    const clock = new FakeClock();
    const { probe, stats } = slowProbe(clock, 1500, { honoursAbort: false });
    const { samples, stop, skipped } = sampler(clock, probe, { intervalMs: 1000, timeoutMs: 200 });
    await clock.advance(2100);
    await stopWhileAdvancing(clock, stop);
    expect(stats.maxRunning).toBe(1);
    // The check's own outcome (its timeout) counts once; the tick at 1000 is skipped, not failed.
    expect(samples.map((s) => [s.scheduledAt, s.detail])).toEqual([
      [0, 'timed out after 200ms'],
      [2000, 'timed out after 200ms'],
    ]);
    expect(skipped()).toBe(1);
  });

  it('dates a sample at the event a probe observed, and marks it so', async () => {
    const clock = new FakeClock();
    const probe: Probe = { check: async () => ({ ok: true, at: clock.now() - 40 }) };
    const { samples, stop } = sampler(clock, probe);
    await clock.advance(150);
    await stopWhileAdvancing(clock, stop);
    // The log line arrived 40ms before the check that picked it up.
    expect(samples[0]).toMatchObject({ scheduledAt: 0, startedAt: -40, observedEvent: true });
  });

  it('turns a check that throws into a failed sample with its message', async () => {
    const clock = new FakeClock();
    const probe: Probe = {
      check: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8080')),
    };
    const { samples, stop } = sampler(clock, probe);
    await clock.advance(0);
    await stop();
    expect(samples).toEqual([
      expect.objectContaining({
        ok: false,
        detail: 'connect ECONNREFUSED 127.0.0.1:8080',
        startedAt: 0,
        endedAt: 0,
      }),
    ]);
  });

  it('stop() waits for the check in flight, records it, and ticks no more', async () => {
    const clock = new FakeClock();
    const { probe, stats } = slowProbe(clock, 80);
    const { samples, stop } = sampler(clock, probe);
    await clock.advance(120); // check #2 started at 100, ends at 180
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await clock.advance(50);
    expect(stopped).toBe(false);
    await clock.advance(50);
    await stopping;
    await clock.advance(1000);
    expect(samples.map((s) => [s.scheduledAt, s.endedAt])).toEqual([
      [0, 80],
      [100, 180],
    ]);
    expect(stats.calls).toBe(2);
  });

  it("stops on the drill's abort and records nothing for the check it cancelled", async () => {
    const clock = new FakeClock();
    const { probe, stats } = slowProbe(clock, 80);
    const { samples, controller, stop } = sampler(clock, probe);
    await clock.advance(120);
    controller.abort(new Error('drill aborted'));
    await stop();
    await clock.advance(1000);
    expect(samples.map((s) => s.scheduledAt)).toEqual([0]);
    expect(stats).toMatchObject({ calls: 2, aborted: 1, running: 0 });
  });

  it('records the lateness of a tick delayed by a blocked event loop and skips the missed ticks', async () => {
    const fake = new FakeClock();
    // The event loop is blocked from 150 to 450: no timer due in between fires before 450.
    const blocked = { from: 150, to: 450 };
    const clock: Clock = {
      now: () => fake.now(),
      wallTime: (t) => fake.wallTime(t),
      sleep: (ms, signal) => {
        const wakeAt = fake.now() + ms;
        const late = wakeAt >= blocked.from && wakeAt < blocked.to ? blocked.to - wakeAt : 0;
        return fake.sleep(ms + late, signal);
      },
    };
    const { probe } = slowProbe(fake, 10);
    const { samples, stop } = sampler(clock, probe);
    await fake.advance(650);
    await stopWhileAdvancing(fake, stop);
    // Tick 200 runs at 450 with its lateness on record; 300 and 400 are skipped, not bunched up.
    expect(samples.map((s) => [s.scheduledAt, s.startedAt])).toEqual([
      [0, 0],
      [100, 100],
      [200, 450],
      [500, 500],
      [600, 600],
    ]);
  });

  it('stops and reports it when the consumer cannot take a sample', async () => {
    const clock = new FakeClock();
    const { probe, stats } = slowProbe(clock, 10);
    const s = startSampler({
      name: 'api',
      role: 'steady',
      intervalMs: 100,
      timeoutMs: 50,
      probe,
      clock,
      signal: new AbortController().signal,
      onSample: () => {
        throw new Error('ENOSPC: journal write failed');
      },
    });
    await clock.advance(500);
    await expect(s.stop()).rejects.toThrow('ENOSPC: journal write failed');
    expect(stats.calls).toBe(1);
  });

  it('keeps to the grid on the real clock, never taking a sample before its tick', async () => {
    const clock = new SystemClock();
    const probe: Probe = { check: async () => ({ ok: true }) };
    const { samples, stop } = sampler(clock, probe, { intervalMs: 20, timeoutMs: 100 });
    await clock.sleep(250);
    await stop();
    expect(samples.length).toBeGreaterThanOrEqual(8);
    const start = samples[0]!.scheduledAt;
    for (const s of samples) {
      const k = (s.scheduledAt - start) / 20;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-6);
      expect(s.startedAt).toBeGreaterThanOrEqual(s.scheduledAt);
    }
  });

  it('holds nothing of a finished check: its outcome can be collected (a drill of any length stays flat)', async () => {
    // A full collection on demand, without starting the test runner with --expose-gc.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const clock = new FakeClock();
    const outcomes: Array<WeakRef<ProbeOutcome>> = [];
    const probe: Probe = {
      async check() {
        await clock.sleep(10);
        const outcome: ProbeOutcome = { ok: true, value: outcomes.length };
        outcomes.push(new WeakRef(outcome));
        return outcome;
      },
    };
    const { samples, stop } = sampler(clock, probe);
    await clock.advance(5_000);
    await stopWhileAdvancing(clock, stop);
    expect(samples).toHaveLength(51);
    // WeakRefs read in this job stay alive until it ends: collect from a later one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    const alive = outcomes.filter((ref) => ref.deref() !== undefined).length;
    // A shared never-settling promise adopted by each check's cancelled timeout held every
    // check's race, and with it its outcome, for the whole drill: 51 of 51 stayed.
    expect(alive).toBe(0);
  });

  it('dates no sample still to come before the start of the check before its latest (pendingFrom)', async () => {
    const clock = new FakeClock();
    // A log probe dates its sample at a line that arrived after the previous check read its lines.
    const { probe } = slowProbe(clock, 130);
    const { stop, pendingFrom } = sampler(clock, probe);
    await clock.advance(50);
    expect(pendingFrom()).toBe(-Infinity);
    await clock.advance(200);
    // Checks started at 0 and 200 (100 found the first still running): the latest is in flight.
    expect(pendingFrom()).toBe(0);
    await clock.advance(200);
    expect(pendingFrom()).toBe(200);
    await stopWhileAdvancing(clock, stop);
  });
});
