import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../common/logger.js';
import { startSampler } from '../engine/sampler.js';
import type { Sample } from '../result/sample.js';
import { startProcessTarget, type FixtureRun } from '../../test/fixtures/servers/fixture-target.js';
import { logProbe } from './log.js';

const LOG_WRITER = fileURLToPath(new URL('../../test/fixtures/servers/log-writer.mjs', import.meta.url));

let run: FixtureRun | undefined;
afterEach(async () => {
  await run?.target.stop();
  run = undefined;
});

async function writer(lines: string): Promise<FixtureRun> {
  run = await startProcessTarget({ app: { command: ['node', LOG_WRITER], env: { LINES: lines } } });
  return run;
}

function probeOn({ target, clock }: FixtureRun, input: Record<string, unknown>) {
  const config = logProbe.schema.parse({ type: 'log', name: 'p', role: 'detect', node: 'app', ...input });
  return logProbe.create(config, { target, clock, logger: silentLogger, baseDir: '.' });
}

/**
 * Every line the node printed, with the arrival instant the target stamped on it: what the probe
 * must date a detection at. Tests wait for lines here rather than sleeping, since on a busy machine
 * the writer starts late and its timers fire late.
 */
function linesOf({ target }: FixtureRun) {
  const seen: { line: string; at: number }[] = [];
  target.node('app').onOutput((line, at) => seen.push({ line, at }));
  const arrived = (pattern: RegExp) => seen.find(({ line }) => pattern.test(line));
  return {
    arrived,
    until: (pattern: RegExp) =>
      vi.waitFor(
        () => {
          const hit = arrived(pattern);
          if (!hit) throw new Error(`no line matching ${pattern} yet; saw ${JSON.stringify(seen)}`);
          return hit;
        },
        { timeout: WAIT_MS, interval: 10 },
      ),
  };
}

/** Generous: a deadline for a busy machine, not a measurement. */
const WAIT_MS = 15_000;

/** The writer's wall clock (whole ms) and the run clock (monotonic) agree only to a few ms. */
const CLOCKS_AGREE_MS = 5;

/** The wall time the writer put in the line, as an instant on the run clock. */
function writtenAt(detail: string | undefined, fixture: FixtureRun): number {
  const wall = Number(/wall=(\d+)/.exec(detail ?? '')?.[1]);
  return wall - fixture.clock.wallTime(0).getTime();
}

// The waits below have generous deadlines for a busy machine; the tests get room for them.
const BUSY_MACHINE_TIMEOUT_MS = 30_000;

describe('log probe', { timeout: BUSY_MACHINE_TIMEOUT_MS }, () => {
  it('passes once for the lines since the previous sample, dated at the first matching line', async () => {
    const fixture = await writer('100=+sdown master;150=+odown master;200=+odown again;250=noise');
    const probe = probeOn(fixture, { pattern: '\\+odown' });
    const lines = linesOf(fixture);
    const signal = new AbortController().signal;
    const firstMatch = await lines.until(/^\+odown master/);
    await lines.until(/^noise/);
    const outcome = await probe.check(signal);
    expect(outcome).toMatchObject({ ok: true, value: 2 });
    expect(outcome.detail).toMatch(/^app: \+odown master wall=\d+ \(\+1 more\)$/);
    // Dated at the first matching line's arrival, exactly; and that arrival follows its writing.
    expect(outcome.at).toBe(firstMatch.at);
    expect(outcome.at).toBeGreaterThanOrEqual(writtenAt(outcome.detail, fixture) - CLOCKS_AGREE_MS);
    expect(await probe.check(signal)).toMatchObject({
      ok: false,
      value: 0,
      detail: 'no line matching /\\+odown/ from app since the last sample',
    });
    await probe.close?.();
  });

  it('with on_match: fail, an error line fails the sample (for abort probes)', async () => {
    const fixture = await writer('100=FATAL disk corrupt');
    const probe = probeOn(fixture, { pattern: 'FATAL', on_match: 'fail', role: 'abort' });
    const lines = linesOf(fixture);
    const signal = new AbortController().signal;
    // A window without the error line passes (unless the machine is so slow it already came).
    if (!lines.arrived(/FATAL/)) expect(await probe.check(signal)).toMatchObject({ ok: true });
    await lines.until(/FATAL/);
    expect(await probe.check(signal)).toMatchObject({ ok: false, detail: expect.stringContaining('FATAL') });
    await probe.close?.();
  });

  it('through the sampler at a coarse interval, the passing sample is timed at the line, not the tick', async () => {
    const fixture = await writer('700=+odown master');
    const lines = linesOf(fixture);
    const probe = probeOn(fixture, { pattern: '\\+odown' });
    const samples: Sample[] = [];
    const controller = new AbortController();
    const sampler = startSampler({
      name: 'odown',
      role: 'detect',
      intervalMs: 500,
      timeoutMs: 200,
      probe,
      clock: fixture.clock,
      signal: controller.signal,
      onSample: (sample) => samples.push(sample),
    });
    const line = await lines.until(/^\+odown master/);
    // The next tick after the line picks it up, then one more tick that must not pass again.
    await vi.waitFor(
      () => expect(samples.filter((s) => s.scheduledAt > line.at).length).toBeGreaterThanOrEqual(2),
      { timeout: WAIT_MS, interval: 10 },
    );
    await sampler.stop();
    await probe.close?.();
    const hit = samples.find((s) => s.ok);
    if (!hit) throw new Error(`no passing sample in ${JSON.stringify(samples)}`);
    expect(hit).toMatchObject({ startedAt: line.at, observedEvent: true });
    expect(hit.startedAt).toBeGreaterThanOrEqual(writtenAt(hit.detail, fixture) - CLOCKS_AGREE_MS);
    // The check that picked it up ran after the line; the one before it, before the line. (Its tick
    // is usually later than the line too, but on a busy machine a late check can run after a line
    // that arrived after its tick was due.)
    const before = samples[samples.indexOf(hit) - 1];
    expect(hit.endedAt).toBeGreaterThanOrEqual(line.at);
    if (before) expect(before.startedAt).toBeLessThanOrEqual(line.at);
    expect(samples.filter((s) => s.ok)).toHaveLength(1);
  });

  it('validates its pattern', () => {
    const parse = (input: object) =>
      logProbe.schema.safeParse({ type: 'log', name: 'p', role: 'detect', node: 'app', ...input });
    expect(parse({ pattern: '(' }).error?.issues[0]?.message).toMatch(/not a valid regular expression/);
    expect(parse({}).success).toBe(false);
    expect(parse({ pattern: 'x', on_match: 'maybe' }).success).toBe(false);
  });
});
