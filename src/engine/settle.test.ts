import { describe, expect, it } from 'vitest';
import { FakeClock } from '../common/fake-clock.js';
import { silentLogger } from '../common/logger.js';
import type { StartedTarget, TargetNode } from '../targets/target.js';
import type { ProbeSet } from './probe-set.js';
import type { Sample } from '../result/sample.js';
import { settleSchema } from './settle-schema.js';
import { waitUntilWhole } from './settle.js';

/** A target whose nodes run when `running` says so, and a probe set over the given samples. */
function world(running: Record<string, () => boolean>, samples: Sample[]) {
  const nodes = new Map(
    Object.entries(running).map(([name, up]) => [name, { name, isRunning: async () => up() } as TargetNode]),
  );
  const target = { nodes } as unknown as StartedTarget;
  const probes = {
    samples,
    withRole: (role: string) => (role === 'steady' ? [{ name: 'write', role: 'steady' }] : []),
  } as unknown as ProbeSet;
  return { target, probes };
}

const sample = (startedAt: number, ok: boolean): Sample =>
  ({
    probe: 'write',
    role: 'steady',
    startedAt,
    endedAt: startedAt + 5,
    ok,
    detail: ok ? 'HTTP 200' : 'HTTP 503',
  }) as Sample;

async function settleWith(clock: FakeClock, run: () => Promise<unknown>, stepMs = 100, steps = 400) {
  let done = false;
  const outcome = run().finally(() => (done = true));
  for (let i = 0; i < steps && !done; i++) {
    await clock.advance(stepMs);
    for (let j = 0; j < 5; j++) await new Promise((r) => setImmediate(r));
  }
  return outcome;
}

describe('waitUntilWhole (between repeats)', () => {
  it('waits for the killed node to run again and the steady probe to pass its last rounds', async () => {
    const clock = new FakeClock();
    const samples: Sample[] = [];
    let n1Up = false;
    const { target, probes } = world({ n1: () => n1Up, n2: () => true }, samples);
    const deps = { target, probes, clock, stableFor: 3, signal: new AbortController().signal };
    const probeContext = { target, clock, logger: silentLogger, baseDir: '.' };
    const outcome = settleWith(clock, async () => {
      // n1 comes back after 2s; the probe fails until 3s, then passes every 200ms.
      setTimeout(() => (n1Up = true), 0);
      return waitUntilWhole(settleSchema.parse({ timeout: '10s' }), 0, { ...deps, probeContext });
    });
    for (let t = 200; t <= 5000; t += 200) samples.push(sample(t, t > 3000));
    expect(await outcome).toMatchObject({ status: 'settled' });
  });

  it('names what was missing when the system does not come back in time', async () => {
    const clock = new FakeClock();
    const samples = [sample(100, true), sample(300, false), sample(500, false)];
    const { target, probes } = world({ n1: () => true }, samples);
    const outcome = await settleWith(clock, () =>
      waitUntilWhole(settleSchema.parse({ timeout: '2s' }), 0, {
        target,
        probes,
        clock,
        stableFor: 3,
        signal: new AbortController().signal,
        probeContext: { target, clock, logger: silentLogger, baseDir: '.' },
      }),
    );
    expect(outcome).toMatchObject({ status: 'unsettled', reason: 'steady probe write failed: HTTP 503' });
  });

  it('a node that stays down is named', async () => {
    const clock = new FakeClock();
    const { target, probes } = world({ n1: () => true, n3: () => false }, []);
    const outcome = await settleWith(clock, () =>
      waitUntilWhole(settleSchema.parse({ timeout: '1s' }), 0, {
        target,
        probes,
        clock,
        stableFor: 3,
        signal: new AbortController().signal,
        probeContext: { target, clock, logger: silentLogger, baseDir: '.' },
      }),
    );
    expect(outcome).toMatchObject({ status: 'unsettled', reason: 'node n3 is not running' });
  });

  it('validates settle', () => {
    expect(settleSchema.safeParse({ http: 'http://x/s', exec: 'true' }).success).toBe(false);
    expect(settleSchema.safeParse({ exec: 'true', json_path: '$.a' }).success).toBe(false);
    expect(settleSchema.parse({}).timeout).toBe(60_000);
  });
});
