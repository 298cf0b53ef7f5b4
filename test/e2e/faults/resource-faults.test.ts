import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, afterEach, expect, it } from 'vitest';
import { TargetError } from '../../../src/common/errors.js';
import { images } from '../../../src/common/images.js';
import { cpuInjector } from '../../../src/injectors/cpu.js';
import { diskFillInjector } from '../../../src/injectors/disk-fill.js';
import { memoryInjector } from '../../../src/injectors/memory.js';
import { dockerTarget } from '../../../src/targets/docker/docker-target.js';
import type { StartedDockerTarget } from '../../../src/targets/docker/started-docker-target.js';
import { labelledLeftovers, targetContext } from '../docker/target-context.js';
import { faultContext, inject, revert } from '../network/fault-harness.js';
import { describeWithDocker } from '../support/docker.js';
import { removeRunLeftovers } from '../support/run-labels.js';
import { cpuPercent, df, dockerExec, listing, processes, statsMemory } from './container-view.js';

const MIB = 1024 ** 2;
const stressImage = `firedrill/stress:${readFileSync(new URL('../../../docker/stress/VERSION', import.meta.url), 'utf8').trim()}`;

describeWithDocker('resource faults in containers', () => {
  const context = targetContext();
  let target: StartedDockerTarget;
  const id = (node: string) => target.node(node).id;
  /** What a revert must bring back exactly: the processes and firedrill's files. */
  let before: Record<string, { processes: string[]; tmp: string[]; data: string[] }> = {};
  const snapshot = async (node: string) => ({
    processes: await processes(id(node)),
    tmp: await listing(id(node), '/tmp'),
    data: node === 'web' ? await listing(id(node), '/data') : [],
  });

  beforeAll(async () => {
    const config = dockerTarget.schema.parse({
      type: 'docker',
      nodes: {
        web: {
          image: images.httpEcho,
          ports: [8080],
          wait: { http: '/health' },
          memory: '256m',
          tmpfs: { '/data': '64m' },
        },
        stress: { image: stressImage, memory: '256m' },
      },
    });
    target = await dockerTarget.start(config, context);
  });

  beforeEach(async () => {
    before = { web: await snapshot('web'), stress: await snapshot('stress') };
  });

  // Every fault's revert leaves each node as it found it: same processes, no firedrill files.
  afterEach(async () => {
    for (const node of ['web', 'stress']) expect(await snapshot(node)).toEqual(before[node]);
  });

  afterAll(async () => {
    await target?.stop();
    expect(await labelledLeftovers()).toEqual({ containers: 0, networks: 0 });
    await removeRunLeftovers();
  });

  it('disk-fill percent on a tmpfs: df shows it 90% full; revert deletes the file and df is back', async () => {
    const start = await df(id('web'), '/data');
    const { effect, undo } = await inject(
      diskFillInjector,
      { type: 'disk-fill', node: 'web', path: '/data', percent: 90 },
      faultContext(target, context),
    );
    const file = (effect.details as { file: string }).file;
    expect(file).toMatch(/^\/data\/firedrill-fill-[0-9a-f]{8}$/);
    const filled = await df(id('web'), '/data');
    expect(filled.percent).toBe(90);
    expect(Number((await dockerExec(id('web'), `du -k ${file}`)).split(/\s/)[0])).toBeGreaterThanOrEqual(
      0.9 * 65536 - 4,
    );
    expect(effect.summary).toMatch(
      /^filled \/data in web with 57\.6 MiB \(.*\): 0 B used of 64 MiB \(0%\) -> 57\.6 MiB used of 64 MiB \(90%\)$/,
    );
    await revert(undo, target);
    expect(await df(id('web'), '/data')).toEqual(start);
  });

  it("disk-fill by size on the container's root (the host's disk): df's free space drops by it", async () => {
    const start = await df(id('web'), '/tmp');
    const { effect, undo } = await inject(
      diskFillInjector,
      { type: 'disk-fill', node: 'web', path: '/tmp', size: '64m' },
      faultContext(target, context),
    );
    const filled = await df(id('web'), '/tmp');
    // The host's disk is shared with other work: allow it to move by a few MiB meanwhile.
    expect(start.availKib - filled.availKib).toBeGreaterThan(60 * 1024);
    expect(start.availKib - filled.availKib).toBeLessThan(80 * 1024);
    expect((effect.details as { filesystem: string }).filesystem).toBe('overlayfs');
    await revert(undo, target);
  });

  it('disk-fill beyond a tmpfs: capped at its free space, the filesystem full', async () => {
    const { effect, undo } = await inject(
      diskFillInjector,
      { type: 'disk-fill', node: 'web', path: '/data', size: '1g' },
      faultContext(target, context),
    );
    expect(effect.summary).toMatch(/capped at the 64 MiB free: the filesystem is now full$/);
    expect((await df(id('web'), '/data')).availKib).toBe(0);
    await revert(undo, target);
  });

  it('memory with the shell hog: docker stats shows the container holding 100 MiB more (±10%); revert frees it', async () => {
    const start = await statsMemory(id('web'));
    const { effect, undo } = await inject(
      memoryInjector,
      { type: 'memory', node: 'web', size: '100m' },
      faultContext(target, context),
    );
    expect(effect.summary).toMatch(
      /^holding 100 MiB in web \(shell hog, pid \d+\): anonymous memory .* of a 256 MiB limit$/,
    );
    const held = (await statsMemory(id('web'))) - start;
    expect(held).toBeGreaterThan(90 * MIB);
    expect(held).toBeLessThan(110 * MIB);
    const hog = (await processes(id('web'))).filter((p) => !before.web!.processes.includes(p));
    expect(hog).toEqual([
      expect.stringMatching(
        /^\d+ sh -c .* firedrill-memory-hog \/tmp\/firedrill-memory-[0-9a-f]{8}\.pids 104857600 /,
      ),
      expect.stringMatching(/^\d+ sleep 2147483647$/),
      expect.stringMatching(/^\d+ tail$/),
    ]);
    await revert(undo, target);
    await expect.poll(async () => Math.abs((await statsMemory(id('web'))) - start) < 10 * MIB).toBe(true);
  });

  it('memory with stress-ng where the image has it: percent of the limit, ±10%', async () => {
    const start = await statsMemory(id('stress'));
    const { effect, undo } = await inject(
      memoryInjector,
      { type: 'memory', node: 'stress', percent: 50 },
      faultContext(target, context),
    );
    expect(effect.summary).toMatch(/^holding 128 MiB in stress \(stress-ng hog, pid \d+\)/);
    const held = (await statsMemory(id('stress'))) - start;
    expect(held).toBeGreaterThan(0.9 * 128 * MIB);
    expect(held).toBeLessThan(1.1 * 128 * MIB);
    expect(
      (await dockerExec(id('stress'), 'ps -eo args')).split('\n').filter((l) => l.startsWith('stress-ng')),
    ).not.toEqual([]);
    await revert(undo, target);
    expect(await dockerExec(id('stress'), 'ps -eo args')).not.toContain('stress-ng');
  });

  it('memory via stress-ng where the image lacks it is refused, nothing started', async () => {
    const fault = memoryInjector.create(
      memoryInjector.schema.parse({ type: 'memory', node: 'web', size: '16m', via: 'stress-ng' }),
    );
    const fc = faultContext(target, context);
    const undo = await fault.prepare(fc);
    await expect(fault.inject(fc)).rejects.toThrow(/^memory fault on web: its image has no stress-ng$/);
    await revert(undo, target);
  });

  it('memory above the container limit is refused at inject, nothing started', async () => {
    const fault = memoryInjector.create(
      memoryInjector.schema.parse({ type: 'memory', node: 'web', size: '300m' }),
    );
    const fc = faultContext(target, context);
    const undo = await fault.prepare(fc);
    const error = await fault.inject(fc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect(error).toMatchObject({
      message: "memory fault on web: 300 MiB is above the container's memory limit of 256 MiB",
      hint: 'the hog would be OOM-killed at once: lower size, or give percent of the limit',
    });
    await revert(undo, target);
  });

  it('cpu: busy workers visible in ps, loading the container; revert ends them', async () => {
    const idle = await cpuPercent(id('stress'), 500);
    const { effect, undo } = await inject(
      cpuInjector,
      { type: 'cpu', node: 'stress', workers: 2, load: 50 },
      faultContext(target, context),
    );
    const pids = (effect.details as { pids: number[] }).pids;
    const ps = await dockerExec(id('stress'), 'ps -eo pid,args');
    for (const pid of pids)
      expect(ps).toMatch(new RegExp(`^\\s*${pid} sh -c while :; do :; done firedrill-cpu-worker$`, 'm'));
    expect(ps.match(/firedrill-cpu-throttle/g)).toHaveLength(2);
    // 2 workers at 50% make about one core; the machine's 2 cores are shared, so only a floor.
    expect(await cpuPercent(id('stress'))).toBeGreaterThan(idle + 30);
    await revert(undo, target);
    expect(await dockerExec(id('stress'), 'ps -eo args')).not.toContain('firedrill-cpu');
  });
});
