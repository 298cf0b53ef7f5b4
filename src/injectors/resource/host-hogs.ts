import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TargetError } from '../../common/errors.js';
import { recordProcess } from './host-pid-file.js';
import type { ProcessIdentity } from '../../targets/process/process-signal.js';
import type { HogKind } from './container-hogs.js';

/**
 * Hogs for process targets: Node processes on the host, each in its own process group and named
 * `firedrill-<kind>-hog` in `ps`. Their pids go to a pid file the moment they are spawned.
 */

export function hostPidFile(runId: string, kind: HogKind, token: string): string {
  return join(tmpdir(), 'firedrill-hogs', `${runId}-${kind}-${token}.pids`);
}

// Buffers are filled so that every page is resident, not just reserved. The title says when it is
// all resident (the Node runtime's own memory would make a bare RSS check pass early).
const MEMORY_HOG = `process.title = 'firedrill-memory-hog (filling)';
const chunks = [];
for (let left = Number(process.argv[1]); left > 0; left -= 1 << 30) {
  const chunk = Buffer.allocUnsafeSlow(Math.min(left, 1 << 30));
  chunk.fill(1);
  chunks.push(chunk);
}
process.title = 'firedrill-memory-hog';
setInterval(() => chunks.length, 1 << 30);`;

// Busy for `load` ms of every 100 ms; Atomics.wait sleeps without leaving the loop.
const CPU_WORKER = `process.title = 'firedrill-cpu-worker';
const on = Number(process.argv[1]);
const cell = new Int32Array(new SharedArrayBuffer(4));
for (;;) {
  const start = Date.now();
  while (Date.now() - start < on);
  if (on < 100) Atomics.wait(cell, 0, 0, 100 - on);
}`;

function spawnHog(code: string, arg: number, pidFile: string): ProcessIdentity {
  const child = spawn(process.execPath, ['-e', code, String(arg)], { detached: true, stdio: 'ignore' });
  if (child.pid === undefined) throw new TargetError(`could not start a hog process (${process.execPath})`);
  child.unref();
  return recordProcess(pidFile, child.pid);
}

export function spawnMemoryHog(bytes: number, pidFile: string): ProcessIdentity {
  return spawnHog(MEMORY_HOG, bytes, pidFile);
}

export function spawnCpuWorkers(workers: number, load: number, pidFile: string): ProcessIdentity[] {
  return Array.from({ length: workers }, () => spawnHog(CPU_WORKER, load, pidFile));
}

/** The process's title (`ps` shows it), or undefined when it is gone. */
export async function processTitle(pid: number): Promise<string | undefined> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return cmdline?.split('\0')[0];
}

/** Resident memory of a process in bytes (VmRSS), or undefined when it is gone. */
export async function residentBytes(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kib = status && /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kib ? Number(kib) * 1024 : undefined;
}

/** User + system CPU ticks a process has used, or undefined when it is gone. */
export async function cpuTicks(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of proc(5), counted from field 3 after the command name.
  return Number(fields[11]) + Number(fields[12]);
}

/** MemTotal and MemAvailable of the host, in bytes. */
export async function hostMemory(): Promise<{ total: number; available: number }> {
  const text = await readFile('/proc/meminfo', 'utf8');
  const field = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text)?.[1]) * 1024;
  return { total: field('MemTotal'), available: field('MemAvailable') };
}
