import { describe, expect, it } from 'vitest';
import { sharesHostDisk } from './container-fill.js';
import { GIB, parseDf, planFill, safetyMargin, usedPercent, wantedFill } from './disk-space.js';

const MIB = 1024 ** 2;

describe('disk space', () => {
  it('parses df -Pk, also when the filesystem name has spaces', () => {
    const df = `Filesystem     1024-blocks     Used Available Capacity Mounted on
tmpfs                65536    10244     55292      16% /data`;
    expect(parseDf(df)).toEqual({ size: 65536 * 1024, used: 10244 * 1024, avail: 55292 * 1024 });
    expect(
      parseDf('Filesystem 1024-blocks Used Available Capacity Mounted on\nmy disk 100 40 60 40% /mnt/a b'),
    ).toEqual({
      size: 102400,
      used: 40960,
      avail: 61440,
    });
    expect(parseDf('df: /nope: No such file or directory')).toBeUndefined();
  });

  it('counts Use% as df does, without the root-reserved blocks', () => {
    expect(usedPercent({ size: 100, used: 40, avail: 50 })).toBeCloseTo(44.44, 2);
  });

  it('wants the size as given, or what brings the filesystem to the percentage', () => {
    const fs = { size: 64 * MIB, used: 0, avail: 64 * MIB };
    expect(wantedFill({ size: 8 * MIB }, fs)).toBe(8 * MIB);
    expect(wantedFill({ percent: 90 }, fs)).toBe(Math.ceil(0.9 * 64 * MIB));
    expect(wantedFill({ percent: 50 }, { size: 100, used: 60, avail: 40 })).toBe(0);
  });

  it('keeps 5% or 1 GiB free, whichever is more', () => {
    expect(safetyMargin({ size: 10 * GIB, used: 0, avail: 10 * GIB })).toBe(GIB);
    expect(safetyMargin({ size: 100 * GIB, used: 0, avail: 100 * GIB })).toBe(5 * GIB);
  });

  it('writes whole blocks, caps at the margin and says so, else at the free space', () => {
    const host = { size: 100 * GIB, used: 90 * GIB, avail: 8 * GIB };
    expect(planFill(512 * MIB, host, safetyMargin(host))).toEqual({ bytes: 512 * MIB });
    expect(planFill(4 * GIB, host, safetyMargin(host))).toEqual({
      bytes: 3 * GIB,
      capped:
        'capped at 3 GiB to keep 5 GiB free (safety margin: 5% of the filesystem or 1 GiB, whichever is more)',
    });
    expect(planFill(10 * GIB, { ...host, avail: 4 * GIB }, safetyMargin(host)).bytes).toBe(0);
    const tmpfs = { size: 64 * MIB, used: 0, avail: 64 * MIB };
    expect(planFill(100 * MIB, tmpfs)).toEqual({
      bytes: 64 * MIB,
      capped: 'capped at the 64 MiB free: the filesystem is now full',
    });
    expect(planFill(10_000, tmpfs)).toEqual({ bytes: 8192 });
  });

  it("treats only a container's tmpfs as its own disk", () => {
    expect(sharesHostDisk('tmpfs')).toBe(false);
    expect(sharesHostDisk('overlayfs')).toBe(true);
    expect(sharesHostDisk('ext2/ext3')).toBe(true);
    expect(sharesHostDisk('unknown')).toBe(true);
  });
});
