import { existsSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FaultNoEffectError, TargetError } from '../common/errors.js';
import { offlineNodeControl } from '../engine/offline-node-control.js';
import { runUndoStep } from '../engine/undo-executor.js';
import {
  faultContextFor,
  httpServerNode,
  startsProcessTargets,
} from '../../test/fixtures/servers/fixture-target.js';
import { tempDirsPerTest } from '../../test/fixtures/temp-dirs.js';
import { diskFillInjector } from './disk-fill.js';
import { hostFsUsage } from './resource/host-fill.js';

const MIB = 1024 ** 2;
const parse = (input: object) =>
  diskFillInjector.schema.safeParse({ type: 'disk-fill', node: 'web', path: '/data', ...input });

const tempDir = tempDirsPerTest();
const startProcessTarget = startsProcessTargets();

describe('disk-fill fault: schema', () => {
  it('takes a size or a percentage of the filesystem, at most 100', () => {
    expect(parse({ size: '512m' }).data?.size).toBe(512 * MIB);
    expect(parse({ percent: 90 }).data?.percent).toBe(90);
    expect(parse({ percent: 101 }).error?.issues[0]?.message).toBe(
      'a filesystem cannot be filled beyond 100% (found 101)',
    );
  });

  it('describes itself for plans', () => {
    expect(diskFillInjector.describe(parse({ percent: 90, duration: '1m' }).data!)).toBe(
      'fill /data in web until 90% full for 1m00s',
    );
  });
});

describe('disk-fill fault on a process target', () => {
  async function setup() {
    const data = tempDir('fill-test');
    const { target, clock } = await startProcessTarget({ web: httpServerNode({ data_dirs: [data] }) });
    return { data, context: faultContextFor(target, clock) };
  }

  it('records a file.remove undo first, writes the file with its blocks, and the undo deletes it', async () => {
    const { data, context } = await setup();
    const fault = diskFillInjector.create(parse({ path: data, size: '8m' }).data!);
    const [step] = await fault.prepare(context);
    if (step?.action !== 'file.remove') throw new Error(`expected file.remove, got ${step?.action}`);
    expect(step.path).toMatch(new RegExp(`^${data}/firedrill-fill-[0-9a-f]{8}$`));
    expect(existsSync(step.path)).toBe(false);

    const before = await hostFsUsage(data);
    const effect = await fault.inject(context);
    expect(effect.summary).toMatch(new RegExp(`^filled ${data} in web with 8 MiB \\(${step.path}\\): `));
    const info = statSync(step.path);
    expect(info.size).toBe(8 * MIB);
    expect(info.blocks * 512).toBeGreaterThanOrEqual(8 * MIB);
    const after = await hostFsUsage(data);
    expect(before.avail - after.avail).toBeGreaterThan(7 * MIB); // others write to this disk too

    await runUndoStep(step, { offline: offlineNodeControl });
    expect(existsSync(step.path)).toBe(false);
  });

  it('refuses a directory outside the data_dirs at inject too, writing nothing', async () => {
    const { context } = await setup();
    const outside = tempDir('outside');
    const fault = diskFillInjector.create(parse({ path: outside, size: '1m' }).data!);
    await fault.prepare(context);
    const error = await fault.inject(context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toMatch(/^disk-fill on web: .* is outside its data_dirs \(/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('fails as no-effect when the filesystem is already fuller than the percentage', async () => {
    const { data, context } = await setup();
    const fault = diskFillInjector.create(parse({ path: data, percent: 0.001 }).data!);
    await fault.prepare(context);
    await expect(fault.inject(context)).rejects.toThrow(FaultNoEffectError);
  });
});
