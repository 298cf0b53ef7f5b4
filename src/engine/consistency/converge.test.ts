import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../common/fake-clock.js';
import { judgeRound } from './compare-states.js';
import { readUntilConverged, type Convergence, type Round } from './converge.js';

const agree = (round: Round) => judgeRound(round, undefined, { agree: true, unchanged: false });

/**
 * A cluster whose n3 holds "old" until `convergesAt` (fake-clock ms), read in rounds that each
 * take `readMs`. Returns the outcome and the instants each round started.
 */
async function drive(opts: { convergesAt: number; readMs: number; withinMs?: number; intervalMs?: number }) {
  const clock = new FakeClock();
  const starts: number[] = [];
  const readRound = async (signal: AbortSignal): Promise<Round> => {
    const start = clock.now();
    starts.push(start);
    await clock.sleep(opts.readMs, signal);
    // The state a read sees is the state when the round began.
    const n3 = start >= opts.convergesAt ? 'new' : 'old';
    return { n1: { ok: true, text: 'new' }, n2: { ok: true, text: 'new' }, n3: { ok: true, text: n3 } };
  };
  let outcome: Convergence | undefined;
  const done = readUntilConverged(readRound, agree, {
    clock,
    withinMs: opts.withinMs ?? 10_000,
    intervalMs: opts.intervalMs ?? 500,
    signal: new AbortController().signal,
  }).then((o) => (outcome = o));
  while (!outcome) await clock.advance(50);
  await done;
  return { outcome, starts };
}

describe('reading replicas until they converge', () => {
  it('passes at once when they already agree: measured 0, exact', async () => {
    const { outcome, starts } = await drive({ convergesAt: 0, readMs: 20 });
    expect(outcome).toMatchObject({ status: 'converged', ms: 0, resolutionMs: 0, rounds: 1 });
    expect(starts).toEqual([0]);
  });

  it('measures the round that first found them converged, bounded by the gap to the previous one', async () => {
    const { outcome, starts } = await drive({ convergesAt: 1200, readMs: 20 });
    expect(starts).toEqual([0, 500, 1000, 1500]);
    expect(outcome).toMatchObject({ status: 'converged', ms: 1500, resolutionMs: 500, rounds: 4 });
  });

  it('fails after a round that starts at the bound itself still finds them apart, naming the node', async () => {
    const { outcome, starts } = await drive({ convergesAt: Infinity, readMs: 20, withinMs: 1200 });
    expect(starts).toEqual([0, 500, 1000, 1200]);
    expect(outcome).toMatchObject({
      status: 'diverged',
      rounds: 4,
      judgement: { divergent: { n3: 'old' } },
    });
    expect(outcome.ms).toBe(1220);
  });

  it('on a busy machine (reads slower than the interval) still reads at the bound: one converged just before it passes', async () => {
    const { outcome, starts } = await drive({ convergesAt: 2900, readMs: 700, withinMs: 3000 });
    // Each round starts as soon as the previous ended; the round in flight at the bound does not
    // hold back the bound's own round.
    expect(starts).toEqual([0, 700, 1400, 2100, 2800, 3000]);
    expect(outcome).toMatchObject({ status: 'converged', ms: 3000, resolutionMs: 200, rounds: 6 });
  });

  it('on a busy machine, one that never converges fails after the bound, as on an idle one', async () => {
    const slow = await drive({ convergesAt: 3100, readMs: 700, withinMs: 3000 });
    const idle = await drive({ convergesAt: 3100, readMs: 5, withinMs: 3000 });
    expect([slow.outcome.status, idle.outcome.status]).toEqual(['diverged', 'diverged']);
    expect(slow.starts.at(-1)).toBe(3000);
    expect(idle.starts.at(-1)).toBe(3000);
  });

  it('stops when the run is aborted', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const never = (signal: AbortSignal) => clock.sleep(1e9, signal).then(() => ({}) as Round);
    const outcome = readUntilConverged(never, agree, {
      clock,
      withinMs: 1000,
      intervalMs: 100,
      signal: controller.signal,
    });
    await clock.advance(300);
    controller.abort(new Error('interrupted'));
    await expect(outcome).rejects.toThrow('interrupted');
  });
});
