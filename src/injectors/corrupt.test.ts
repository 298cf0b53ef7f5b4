import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  faultContextFor,
  HTTP_SERVER,
  httpServerNode,
  startsProcessTargets,
} from '../../test/fixtures/servers/fixture-target.js';
import { tempDirsPerTest } from '../../test/fixtures/temp-dirs.js';
import { corruptInjector } from './corrupt.js';
import { HostFileBytes } from './corrupt/file-bytes.js';

const parse = (input: object) =>
  corruptInjector.schema.safeParse({ type: 'corrupt', node: 'web', path: '/data/db', ...input });

const tempDir = tempDirsPerTest();
const startProcessTarget = startsProcessTargets();

describe('corrupt fault: schema', () => {
  it('defaults to one flipped bit while running', () => {
    expect(parse({}).data).toMatchObject({ mode: 'bitflip', bytes: 1, when: 'running' });
  });

  it('refuses a duration (corruption stays), too many bytes, an unknown mode', () => {
    expect(parse({ duration: '5s' }).error?.issues[0]?.message).toBe(
      'corruption stays (the system must detect and repair it): remove duration',
    );
    expect(parse({ bytes: 5000 }).error?.issues[0]?.message).toBe(
      'bitflip changes at most 4096 bytes (found 5000)',
    );
    expect(parse({ mode: 'truncate', bytes: 5000 }).success).toBe(true);
    expect(parse({ mode: 'shred' }).success).toBe(false);
  });

  it('describes itself for plans', () => {
    expect(
      corruptInjector.describe(parse({ mode: 'zero', bytes: 512, seed: 7, when: 'stopped' }).data!),
    ).toBe('corrupt /data/db in web: zero 512 bytes (seed 7), with the node stopped');
  });
});

describe('corrupt fault on a process target', () => {
  /** `refuseCorrupt`: the node checks its file at start and exits 1 when it is not whole. */
  async function setup(options: { refuseCorrupt?: boolean } = {}) {
    const dir = tempDir('corrupt-fault');
    const path = join(dir, 'db.bin');
    writeFileSync(path, Buffer.alloc(4096, 0xaa));
    const node = httpServerNode(
      options.refuseCorrupt
        ? {
            command: `test "$(wc -c < '${path}')" -eq 4096 || { echo 'db.bin is corrupt'; exit 1; }; exec node '${HTTP_SERVER}'`,
            restart: { policy: 'never' },
          }
        : {},
    );
    const { target, clock } = await startProcessTarget({ web: node });
    return { path, target, context: faultContextFor(target, clock) };
  }

  it('changes the bytes for good, reporting each offset with its old and new value', async () => {
    const { path, context } = await setup();
    const fault = corruptInjector.create(parse({ path, bytes: 3, seed: 11 }).data!);
    expect(await fault.prepare(context)).toEqual([]);
    const effect = await fault.inject(context);
    const changes = (effect.details as { changes: Array<{ offset: number; old: number; new: number }> })
      .changes;
    expect(changes).toHaveLength(3);
    const now = readFileSync(path);
    for (const change of changes) {
      expect(change.old).toBe(0xaa);
      expect(now[change.offset]).toBe(change.new);
      expect(change.new).not.toBe(change.old);
    }
    expect(effect.summary).toBe(
      `flipped a bit in 3 bytes of ${path} in web at offsets ${changes.map((c) => c.offset).join(', ')}`,
    );
  });

  it('corrupts the file again when the node replaced it (atomic rewrite) while it was being corrupted', async () => {
    const { path, context } = await setup();
    // The node's rewrite lands between our open and our writes: they go to the old, unlinked file.
    const open = HostFileBytes.open.bind(HostFileBytes);
    const spy = vi.spyOn(HostFileBytes, 'open').mockImplementationOnce(async (file, label) => {
      const opened = await open(file, label);
      writeFileSync(`${path}.tmp`, Buffer.alloc(4096, 0xaa));
      renameSync(`${path}.tmp`, path);
      return opened;
    });
    try {
      const fault = corruptInjector.create(parse({ path, mode: 'garbage', bytes: 16, seed: 7 }).data!);
      const effect = await fault.inject(context);
      const { changes } = effect.details as { changes: Array<{ offset: number; new: number }> };
      const now = readFileSync(path);
      expect(changes).toHaveLength(16);
      for (const change of changes) expect(now[change.offset]).toBe(change.new);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('when stopped: stops the node, corrupts, starts it again (with a start undo recorded first)', async () => {
    const { path, target, context } = await setup();
    const web = target.node('web');
    const before = web.ref();
    const fault = corruptInjector.create(parse({ path, mode: 'truncate', bytes: 96, when: 'stopped' }).data!);
    expect(await fault.prepare(context)).toEqual([
      { action: 'node.start', ref: before, description: 'start web again if it is still down' },
    ]);
    const effect = await fault.inject(context);
    expect(effect.summary).toBe(
      `truncated ${path} in web from 4096 to 4000 bytes, stopped web before and started it after`,
    );
    expect(readFileSync(path)).toHaveLength(4000);
    expect(await web.isRunning()).toBe(true);
    expect(web.ref()).not.toEqual(before);
  });

  it('when stopped: a node that refuses to start on the corrupt file is a reaction to measure, not a failed fault', async () => {
    const { path, target, context } = await setup({ refuseCorrupt: true });
    const fault = corruptInjector.create(parse({ path, mode: 'truncate', bytes: 96, when: 'stopped' }).data!);
    const effect = await fault.inject(context);
    expect(effect.summary).toMatch(
      new RegExp(
        `^truncated ${path} in web from 4096 to 4000 bytes, stopped web before; it did not come back up after \\(node web exited \\(exit code 1\\) before it was ready; its last output:.*db.bin is corrupt`,
        's',
      ),
    );
    expect(await target.node('web').isRunning()).toBe(false);
  });
});
