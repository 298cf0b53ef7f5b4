import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { liveOwner } from './cleanup.js';

describe('liveOwner: whose labelled resources the cleanup sweep leaves alone', () => {
  it('names a live process on this host', () => {
    const parent = process.ppid;
    expect(liveOwner(`${hostname()}:${parent}`)).toBe(`pid ${parent}`);
  });

  it('counts a process that has exited as gone', () => {
    const exited = spawnSync(process.execPath, ['-e', '0']).pid!;
    expect(liveOwner(`${hostname()}:${exited}`)).toBeUndefined();
  });

  it('counts the cleaning process itself as gone (it runs no drill while it cleans)', () => {
    expect(liveOwner(`${hostname()}:${process.pid}`)).toBeUndefined();
  });

  it('leaves a process on another host alone, since it cannot be checked from here', () => {
    expect(liveOwner('some-other-host:1')).toBe('a process on host some-other-host');
  });

  it('sweeps resources without an owner label or with a malformed one', () => {
    expect(liveOwner(undefined)).toBeUndefined();
    expect(liveOwner('no-pid-here')).toBeUndefined();
  });
});
