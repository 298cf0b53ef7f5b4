import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { offlineNodeControl } from '../engine/offline-node-control.js';
import type { UndoStep } from '../engine/undo.js';
import { runUndoStep } from '../engine/undo-executor.js';
import {
  faultContextFor,
  httpServerNode,
  startsProcessTargets,
} from '../../test/fixtures/servers/fixture-target.js';
import { cpuInjector } from './cpu.js';
import { isRecordedAlive, readPidFile } from './resource/host-pid-file.js';
import { cpuTicks } from './resource/host-hogs.js';

const parse = (input: object) => cpuInjector.schema.safeParse({ type: 'cpu', node: 'web', ...input });

const startProcessTarget = startsProcessTargets();
const leftovers: UndoStep[] = [];
afterEach(async () => {
  for (const step of leftovers.splice(0)) await runUndoStep(step, { offline: offlineNodeControl });
});

describe('cpu fault: schema', () => {
  it('defaults to one worker at 100%, and checks the ranges', () => {
    expect(parse({}).data).toMatchObject({ workers: 1, load: 100 });
    expect(parse({ load: 150 }).error?.issues[0]?.message).toBe('load is a percentage of one core: 1 to 100');
    expect(parse({ workers: 0 }).error?.issues[0]?.message).toBe('at least 1 worker');
    expect(parse({ workers: 1.5 }).error?.issues[0]?.message).toBe('expected a whole number of workers');
  });

  it('describes itself for plans', () => {
    expect(cpuInjector.describe(parse({ workers: 2, load: 50, duration: '10s' }).data!)).toBe(
      'load the CPU of web with 2 workers at 50% for 10.0s',
    );
  });
});

describe('cpu fault on a process target', () => {
  it('runs busy workers on the host, visible in ps by name, throttled to the load; undo ends them', async () => {
    const { target, clock } = await startProcessTarget({ web: httpServerNode() });
    const context = faultContextFor(target, clock);
    const fault = cpuInjector.create(parse({ workers: 2, load: 40 }).data!);
    const steps = await fault.prepare(context);
    leftovers.push(...steps);
    const [step] = steps;
    if (step?.action !== 'process.kill') throw new Error(`expected a process.kill step, got ${step?.action}`);

    const effect = await fault.inject(context);
    const workers = readPidFile(step.pidFile);
    expect(workers).toHaveLength(2);
    expect(effect.summary).toBe(
      `2 workers at 40% busy on the host for web (firedrill-cpu-worker, pids ${workers.map((w) => w.pid).join(', ')})`,
    );
    for (const { pid } of workers) {
      expect(await readFile(`/proc/${pid}/cmdline`, 'utf8')).toMatch(/^firedrill-cpu-worker/);
    }
    // Over one second each worker uses about 40% of a core, 40 ticks of 10 ms: at most that, and
    // less when the 2 shared cores are busy with other work.
    const before = await Promise.all(workers.map((w) => cpuTicks(w.pid)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await Promise.all(workers.map((w) => cpuTicks(w.pid)));
    for (const [i, start] of before.entries()) {
      const used = (after[i] ?? 0) - (start ?? 0);
      expect(used).toBeGreaterThan(3);
      expect(used).toBeLessThan(55);
    }

    await runUndoStep(step, { offline: offlineNodeControl });
    for (const worker of workers) expect(await isRecordedAlive(worker)).toBe(false);
    expect(existsSync(step.pidFile)).toBe(false);
  });
});
