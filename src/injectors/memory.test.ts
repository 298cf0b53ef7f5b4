import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TargetError } from '../common/errors.js';
import { offlineNodeControl } from '../engine/offline-node-control.js';
import type { UndoStep } from '../engine/undo.js';
import { runUndoStep } from '../engine/undo-executor.js';
import {
  faultContextFor,
  httpServerNode,
  startsProcessTargets,
} from '../../test/fixtures/servers/fixture-target.js';
import { memoryInjector } from './memory.js';
import { containerHogBytes, hostMemoryMargin } from './resource/memory-hog.js';
import { isRecordedAlive, readPidFile } from './resource/host-pid-file.js';
import { residentBytes } from './resource/host-hogs.js';

const MIB = 1024 ** 2;
const parse = (input: object) => memoryInjector.schema.safeParse({ type: 'memory', node: 'web', ...input });
const messages = (input: object) => parse(input).error?.issues.map((i) => i.message) ?? [];

const startProcessTarget = startsProcessTargets();
const leftovers: UndoStep[] = [];
afterEach(async () => {
  for (const step of leftovers.splice(0)) await runUndoStep(step, { offline: offlineNodeControl });
});

describe('memory fault: schema', () => {
  it('reads sizes in Docker notation and percentages', () => {
    expect(parse({ size: '256m' }).data).toMatchObject({ size: 256 * MIB, via: 'auto' });
    expect(parse({ size: '1g' }).data?.size).toBe(1024 * MIB);
    expect(parse({ percent: 50 }).data?.percent).toBe(50);
  });

  it('rejects percent over 100, a missing amount, both amounts, a malformed size', () => {
    expect(messages({ percent: 120 })).toEqual([
      'a memory hog cannot take more than 100% of the limit (found 120)',
    ]);
    expect(messages({})).toEqual(['give `size` (e.g. 256m) or `percent`']);
    expect(messages({ size: '1m', percent: 5 })).toEqual(['give size or percent, not both']);
    expect(messages({ size: 'lots' })[0]).toMatch(/expected a size such as 64m.*found "lots"/);
  });

  it('describes itself for plans', () => {
    const describe = (input: object) => memoryInjector.describe(parse(input).data!);
    expect(describe({ size: '200m', duration: '30s' })).toBe('hold 200 MiB of memory in web for 30.0s');
    expect(describe({ percent: 80 })).toBe('hold 80% of the memory limit in web until the drill ends');
  });
});

describe('memory fault: how much a container hog holds', () => {
  it('takes percent of the limit, refuses sizes above it and percent without one', () => {
    expect(containerHogBytes({ percent: 50 }, 256 * MIB, 'web')).toBe(128 * MIB);
    expect(containerHogBytes({ size: 100 * MIB }, undefined, 'web')).toBe(100 * MIB);
    expect(() => containerHogBytes({ size: 300 * MIB }, 256 * MIB, 'web')).toThrow(
      "memory fault on web: 300 MiB is above the container's memory limit of 256 MiB",
    );
    expect(() => containerHogBytes({ percent: 50 }, undefined, 'web')).toThrow(TargetError);
  });

  it('keeps 10% of the host or 512 MiB available for process targets', () => {
    expect(hostMemoryMargin(24 * 1024 * MIB)).toBeCloseTo(2457.6 * MIB);
    expect(hostMemoryMargin(2 * 1024 * MIB)).toBe(512 * MIB);
  });
});

describe('memory fault on a process target', () => {
  async function setup() {
    const { target, clock } = await startProcessTarget({ web: httpServerNode() });
    return faultContextFor(target, clock);
  }

  it('records its undo first, holds the memory in a host process, and the undo ends it', async () => {
    const context = await setup();
    const fault = memoryInjector.create(parse({ size: '64m' }).data!);
    const steps = await fault.prepare(context);
    leftovers.push(...steps);
    const [step] = steps;
    if (step?.action !== 'process.kill') throw new Error(`expected a process.kill step, got ${step?.action}`);
    expect(existsSync(step.pidFile)).toBe(false);

    const effect = await fault.inject(context);
    const [hog] = readPidFile(step.pidFile);
    expect(effect.summary).toBe(`holding 64 MiB on the host for web (firedrill-memory-hog, pid ${hog?.pid})`);
    expect(await residentBytes(hog!.pid)).toBeGreaterThanOrEqual(64 * MIB);

    expect(await runUndoStep(step, { offline: offlineNodeControl })).toBe(`stopped pid ${hog?.pid}`);
    expect(await isRecordedAlive(hog!)).toBe(false);
    expect(existsSync(step.pidFile)).toBe(false);
  });

  it('refuses to leave the host short of memory, and starts nothing', async () => {
    const context = await setup();
    const fault = memoryInjector.create(parse({ percent: 99 }).data!);
    const [step] = await fault.prepare(context);
    await expect(fault.inject(context)).rejects.toThrow(/below the safety margin of/);
    expect(existsSync((step as { pidFile: string }).pidFile)).toBe(false);
  });
});
