import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
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

/** The wall time the writer put in the line, as an instant on the run clock. */
function writtenAt(detail: string | undefined, fixture: FixtureRun): number {
  const wall = Number(/wall=(\d+)/.exec(detail ?? '')?.[1]);
  return wall - fixture.clock.wallTime(0).getTime();
}

describe('log probe', () => {
  it('passes once for the lines since the previous sample, dated at the first matching line', async () => {
    const fixture = await writer('100=+sdown master;150=+odown master;200=+odown again;250=noise');
    const probe = probeOn(fixture, { pattern: '\\+odown' });
    const signal = new AbortController().signal;
    await fixture.clock.sleep(600);
    const outcome = await probe.check(signal);
    expect(outcome).toMatchObject({ ok: true, value: 2 });
    expect(outcome.detail).toMatch(/^app: \+odown master wall=\d+ \(\+1 more\)$/);
    expect(Math.abs((outcome.at as number) - writtenAt(outcome.detail, fixture))).toBeLessThan(30);
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
    const signal = new AbortController().signal;
    expect(await probe.check(signal)).toMatchObject({ ok: true });
    await fixture.clock.sleep(400);
    expect(await probe.check(signal)).toMatchObject({ ok: false, detail: expect.stringContaining('FATAL') });
    await probe.close?.();
  });

  it('through the sampler at a coarse interval, the passing sample is timed at the line, not the tick', async () => {
    const fixture = await writer('700=+odown master');
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
    await fixture.clock.sleep(1300);
    await sampler.stop();
    await probe.close?.();
    const hit = samples.find((s) => s.ok);
    if (!hit) throw new Error(`no passing sample in ${JSON.stringify(samples)}`);
    expect(Math.abs(hit.startedAt - writtenAt(hit.detail, fixture))).toBeLessThan(30);
    // The tick that picked it up came later (up to one interval).
    expect(hit.scheduledAt).toBeGreaterThan(hit.startedAt);
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
