import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readProcStat, readProcStatSync } from './proc-stat.js';
import { signalProcessRef, terminateProcessGroup } from './process-signal.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
});

/** A process group like a supervised node's: a shell leading it, with a child of its own. */
async function spawnGroup(script: string): Promise<{ pid: number; startTime: string }> {
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  children.push(child);
  // Read at once, before the event loop can reap a child that exits immediately.
  const stat = readProcStatSync(child.pid!);
  return { pid: child.pid!, startTime: stat!.startTime };
}

/** Bit 15 (SIGTERM) of the process's ignored-signals mask. */
function ignoresSigterm(pid: number): boolean {
  const mask = /SigIgn:\s*([0-9a-f]+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '0';
  return (BigInt(`0x${mask}`) & (1n << 14n)) !== 0n;
}

describe('signalProcessRef (no supervisor needed)', () => {
  it('signals the whole group of a recorded process: SIGSTOP then SIGCONT', async () => {
    const ref = await spawnGroup('sleep 30 & wait');
    expect(await signalProcessRef(ref, 'SIGSTOP')).toBe('signalled');
    await expect.poll(async () => (await readProcStat(ref.pid))?.state).toBe('T');
    expect(await signalProcessRef(ref, 'SIGCONT')).toBe('signalled');
    await expect.poll(async () => (await readProcStat(ref.pid))?.state).not.toBe('T');
  });

  it('refuses a pid whose start time no longer matches (pid reused)', async () => {
    const me = await readProcStat(process.pid);
    const stale = { pid: process.pid, startTime: String(Number(me!.startTime) - 1) };
    expect(await signalProcessRef(stale, 'SIGCONT')).toBe('pid reused');
  });

  it('says gone for a process that exited', async () => {
    const ref = await spawnGroup('exit 0');
    await expect.poll(async () => readProcStat(ref.pid)).toBeUndefined();
    expect(await signalProcessRef(ref, 'SIGCONT')).toBe('gone');
  });
});

describe('terminateProcessGroup', () => {
  it('ends a group with SIGTERM when it obeys', async () => {
    const ref = await spawnGroup('exec sleep 30');
    expect(await terminateProcessGroup(ref, { graceMs: 2000 })).toBe('terminated');
    expect(await readProcStat(ref.pid)).toBeUndefined();
  });

  it('ends a paused group too (SIGCONT lets SIGTERM act)', async () => {
    const ref = await spawnGroup('sleep 30');
    await signalProcessRef(ref, 'SIGSTOP');
    expect(await terminateProcessGroup(ref, { graceMs: 2000 })).toBe('terminated');
  });

  it('falls back to SIGKILL after the grace period when SIGTERM is ignored', async () => {
    const ref = await spawnGroup('trap "" TERM; sleep 30 & wait');
    // SIGTERM sent before the shell ran its `trap` would end it: wait until it ignores SIGTERM.
    await expect.poll(() => ignoresSigterm(ref.pid)).toBe(true);
    const startedAt = performance.now();
    expect(await terminateProcessGroup(ref, { graceMs: 300 })).toBe('killed');
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(300);
  });

  it('leaves a recycled pid alone', async () => {
    const me = await readProcStat(process.pid);
    expect(
      await terminateProcessGroup({ pid: process.pid, startTime: `${me!.startTime}1` }, { graceMs: 100 }),
    ).toBe('pid reused');
  });
});
