import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FaultNoEffectError } from '../common/errors.js';
import { FakeClock } from '../common/fake-clock.js';
import { silentLogger } from '../common/logger.js';
import type { FaultContext, InjectorFactory } from '../injectors/injector.js';
import type { StartedTarget } from '../targets/target.js';
import { FaultTimeline, effectWindow } from './fault-timeline.js';
import { Journal } from './journal.js';
import { StateFile } from './state-file.js';
import { planTimeline, type FaultConfig } from './timeline-plan.js';
import { UndoStack } from './undo-stack.js';

/** A fault that creates a marker file; its undo (recorded first) removes it. */
function markerInjector(dir: string, seenPendingBeforeInject: string[]): InjectorFactory {
  return {
    schema: z.object({ type: z.literal('marker') }),
    describe: () => 'create a marker file',
    create: (config) => {
      const path = join(dir, `${(config as FaultConfig).name}.marker`);
      return {
        prepare: async () => [{ action: 'file.remove', path, description: `remove ${path}` }],
        inject: async () => {
          seenPendingBeforeInject.push(readFileSync(join(dir, 'state', 'run', 'state.json'), 'utf8'));
          if ((config as FaultConfig).name === 'broken') throw new FaultNoEffectError('nothing changed');
          writeFileSync(path, 'x');
          return { summary: `created ${path}` };
        },
      };
    },
  };
}

function setup(faults: FaultConfig[]) {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-timeline-'));
  const clock = new FakeClock();
  const seen: string[] = [];
  const state = StateFile.create(join(dir, 'state'), { runId: 'run', scenario: 's', pid: 1, startedAt: '' });
  const undo = new UndoStack(state, () => ({
    offline: { resume: async () => '', start: async () => '', exec: async () => '' },
  }));
  const context = {
    signal: new AbortController().signal,
    clock,
    logger: silentLogger,
  } as unknown as FaultContext;
  context.target = {} as StartedTarget;
  const registry = { marker: markerInjector(dir, seen) };
  const plan = planTimeline(faults).map((p) => ({ ...p, description: 'marker' }));
  const journal = new Journal(join(dir, 'events.ndjson'), clock);
  const timeline = new FaultTimeline(plan, { clock, journal, undo, context, registry });
  const marker = (name: string): boolean => existsSync(join(dir, `${name}.marker`));
  return { clock, timeline, undo, state, seen, marker };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('FaultTimeline on a fake clock', () => {
  it('injects at its offset and reverts after its duration', async () => {
    const { clock, timeline, marker } = setup([{ type: 'marker', name: 'a', at: 2000, duration: 3000 }]);
    await clock.advance(1999);
    await settle();
    expect(marker('a')).toBe(false);
    await clock.advance(1);
    await settle();
    expect(marker('a')).toBe(true);
    expect(timeline.firstEffectAt()).toBe(2000);
    await clock.advance(3000);
    await settle();
    expect(marker('a')).toBe(false);
    await timeline.completion();
    expect(timeline.records.get('a')).toMatchObject({ revertStartedAt: 5000, revertedAt: 5000 });
    expect(timeline.activeWindows()).toEqual([{ id: 'a', start: 2000, end: 5000 }]);
  });

  it('writes the undo to the state file before the fault is applied', async () => {
    const { clock, seen } = setup([{ type: 'marker', name: 'a' }]);
    await clock.advance(0);
    await settle();
    expect(JSON.parse(seen[0] as string).pending).toEqual([
      { faultId: 'a', steps: [expect.objectContaining({ action: 'file.remove' })] },
    ]);
  });

  it('starts an `after` fault its offset after the earlier one was reverted', async () => {
    const { clock, timeline } = setup([
      { type: 'marker', name: 'a', at: 1000, duration: 1000 },
      { type: 'marker', name: 'b', after: 'a', at: 500, duration: 100 },
    ]);
    for (let t = 0; t < 3000; t += 100) {
      await clock.advance(100);
      await settle();
    }
    await timeline.completion();
    expect(timeline.records.get('a')?.revertedAt).toBe(2000);
    expect(timeline.records.get('b')?.effectAt).toBe(2500);
  });

  it('a fault without effect rejects the timeline and its undo stays for the final revert', async () => {
    const { clock, timeline, undo, state } = setup([{ type: 'marker', name: 'broken' }]);
    await clock.advance(0);
    await settle();
    await expect(timeline.completion()).rejects.toThrow('nothing changed');
    expect(state.pending.map((p) => p.faultId)).toEqual(['broken']);
    const outcomes = await undo.revertAll();
    expect(outcomes).toEqual([expect.objectContaining({ faultId: 'broken', ok: true })]);
    expect(state.pending).toEqual([]);
  });
});

/** A fault whose inject takes 300 ms on the fake clock; its effect became true 200-210 ms in, as it says. */
function timedInjector(clock: FakeClock, released: string[], own: boolean): InjectorFactory {
  return {
    schema: z.object({ type: z.literal('timed') }),
    describe: () => 'a slow fault',
    create: () => ({
      prepare: async () => {
        await clock.sleep(1000);
        return [];
      },
      inject: async () => {
        const began = clock.now();
        await clock.sleep(300);
        return { summary: 'done', ...(own && { window: { from: began + 200, to: began + 210 } }) };
      },
      release: async () => {
        released.push('helpers');
      },
    }),
  };
}

describe('the effect window and t0', () => {
  async function runTimed(own: boolean) {
    const { clock, undo, context, journal } = bare();
    const released: string[] = [];
    const plan = planTimeline([{ type: 'timed', name: 't' }]).map((p) => ({ ...p, description: 'timed' }));
    const timeline = new FaultTimeline(plan, {
      clock,
      journal,
      undo,
      context,
      registry: { timed: timedInjector(clock, released, own) },
    });
    for (let i = 0; i < 20; i++) {
      await clock.advance(100);
      await settle();
    }
    await timeline.completion();
    return { timeline, released };
  }

  it("takes the injector's own window: t0 is when the effect began, prepare stays outside", async () => {
    const { timeline, released } = await runTimed(true);
    expect(timeline.records.get('t')).toMatchObject({
      preparedAt: 0,
      startedAt: 1000,
      effectAt: 1200,
      effectWindow: { from: 1200, to: 1210 },
    });
    expect(timeline.firstEffectAt()).toBe(1200);
    expect(timeline.firstEffectWindow()).toEqual({ from: 1200, to: 1210 });
    expect(released).toEqual(['helpers']);
  });

  it('without one, the window is the whole inject call', async () => {
    const { timeline } = await runTimed(false);
    expect(timeline.records.get('t')?.effectWindow).toEqual({ from: 1000, to: 1300 });
    expect(timeline.firstEffectAt()).toBe(1000);
  });

  it("keeps an injector's window inside its inject call", () => {
    expect(effectWindow({ from: 90, to: 95 }, 100, 200)).toEqual({ from: 100, to: 100 });
    expect(effectWindow({ from: 150, to: 250 }, 100, 200)).toEqual({ from: 150, to: 200 });
    expect(effectWindow({ from: 150, to: 160 }, 100, 200)).toEqual({ from: 150, to: 160 });
  });
});

function bare() {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-timeline-'));
  const clock = new FakeClock();
  const state = StateFile.create(join(dir, 'state'), { runId: 'run', scenario: 's', pid: 1, startedAt: '' });
  const undo = new UndoStack(state, () => ({
    offline: { resume: async () => '', start: async () => '', exec: async () => '' },
  }));
  const context = {
    signal: new AbortController().signal,
    clock,
    logger: silentLogger,
    target: {} as StartedTarget,
  } as unknown as FaultContext;
  return { clock, undo, context, journal: new Journal(join(dir, 'events.ndjson'), clock) };
}
