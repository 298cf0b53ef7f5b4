import { FaultNoEffectError, TargetError } from '../../common/errors.js';
import { pollUntil } from '../../targets/process/poll.js';
import type { FaultEffect } from '../injector.js';
import { formatSize, type Amount } from './amount.js';
import { readCgroupMemory, type CgroupMemory } from './cgroup-memory.js';
import { hogStatus, memoryHogTool, startMemoryHog, type MemoryHogTool } from './container-hogs.js';
import { hostMemory, processTitle, residentBytes, spawnMemoryHog } from './host-hogs.js';
import type { HogSite } from './hog-fault.js';

/** A hog counts as holding its size once this share of it is resident (page rounding, sharing). */
export const RESIDENT_SHARE = 0.9;

/** The bytes to hold in a container: `size`, or `percent` of its limit; never more than the limit. */
export function containerHogBytes(amount: Amount, limit: number | undefined, node: string): number {
  if (amount.size === undefined) {
    if (limit === undefined) {
      throw new TargetError(`memory fault on ${node}: percent needs a memory limit, and ${node} has none`, {
        hint: "give `size` (e.g. 256m), or set the node's memory limit",
      });
    }
    return Math.floor((limit * (amount.percent ?? 0)) / 100);
  }
  if (limit !== undefined && amount.size > limit) {
    throw new TargetError(
      `memory fault on ${node}: ${formatSize(amount.size)} is above the container's memory limit of ${formatSize(limit)}`,
      { hint: 'the hog would be OOM-killed at once: lower size, or give percent of the limit' },
    );
  }
  return amount.size;
}

/** Host memory a process-target hog must leave available: 10% of the host or 512 MiB, whichever is more. */
export function hostMemoryMargin(total: number): number {
  return Math.max(total * 0.1, 512 * 1024 ** 2);
}

export async function memoryHogInContainer(
  site: HogSite,
  amount: Amount,
  via: 'auto' | MemoryHogTool,
): Promise<FaultEffect> {
  const { node, pidFile, context } = site;
  const options = { signal: context.signal };
  const before = await readCgroupMemory(node, options);
  const bytes = containerHogBytes(amount, before.limit, node.name);
  const tool = await memoryHogTool(node, via, options);
  const pid = await startMemoryHog(node, tool, pidFile, bytes, options);
  let after: CgroupMemory = before;
  const resident = async (): Promise<boolean> => {
    // Each hog process lists itself as it starts: one listed but gone has ended (OOM-killed, most likely).
    const { listed, alive, written } = await hogStatus(node, pidFile, options);
    if (alive < listed) {
      throw new FaultNoEffectError(
        `the memory hog in ${node.name} (pid ${pid}) ended before holding ${formatSize(bytes)}`,
        { hint: 'it was probably OOM-killed: the container had less free memory than that under its limit' },
      );
    }
    after = await readCgroupMemory(node, options);
    // The shell hog holds its size once all of it was written (else a poll could catch it on its
    // way up, past 90%, just before the OOM killer ends it); stress-ng touches it all at once.
    return (tool === 'stress-ng' || written) && after.anon - before.anon >= bytes * RESIDENT_SHARE;
  };
  const timeoutMs = 10_000 + Math.round(bytes / 50_000); // 10 s plus 20 s per GiB
  if (
    !(await pollUntil(resident, { clock: context.clock, timeoutMs, intervalMs: 100, signal: context.signal }))
  ) {
    throw new FaultNoEffectError(
      `the memory of ${node.name} rose by ${formatSize(after.anon - before.anon)} only, not ${formatSize(bytes)}`,
    );
  }
  const limit = after.limit === undefined ? '' : ` of a ${formatSize(after.limit)} limit`;
  return {
    summary:
      `holding ${formatSize(bytes)} in ${node.name} (${tool} hog, pid ${pid}): ` +
      `anonymous memory ${formatSize(before.anon)} -> ${formatSize(after.anon)}${limit}`,
    details: { node: node.name, bytes, tool, pid, pidFile, before, after },
  };
}

export async function memoryHogOnHost(site: HogSite, amount: Amount): Promise<FaultEffect> {
  const { node, pidFile, context } = site;
  const memory = await hostMemory();
  const bytes = amount.size ?? Math.floor((memory.total * (amount.percent ?? 0)) / 100);
  const margin = hostMemoryMargin(memory.total);
  if (memory.available - bytes < margin) {
    throw new TargetError(
      `memory fault for ${node.name}: holding ${formatSize(bytes)} on the host would leave ` +
        `${formatSize(Math.max(0, memory.available - bytes))} available, below the safety margin of ${formatSize(margin)}`,
      { hint: 'a process target hogs the memory of the host firedrill runs on: lower size or percent' },
    );
  }
  const hog = spawnMemoryHog(bytes, pidFile);
  let rss: number | undefined = 0;
  const resident = async (): Promise<boolean> => {
    const title = await processTitle(hog.pid);
    rss = await residentBytes(hog.pid);
    if (rss === undefined || title === undefined)
      throw new FaultNoEffectError(
        `the memory hog for ${node.name} (pid ${hog.pid}) ended before holding ${formatSize(bytes)}`,
      );
    return title === 'firedrill-memory-hog' && rss >= bytes * RESIDENT_SHARE;
  };
  const timeoutMs = 10_000 + Math.round(bytes / 50_000);
  if (
    !(await pollUntil(resident, { clock: context.clock, timeoutMs, intervalMs: 50, signal: context.signal }))
  ) {
    throw new FaultNoEffectError(
      `the memory hog for ${node.name} holds ${formatSize(rss)} only, not ${formatSize(bytes)}`,
    );
  }
  return {
    summary: `holding ${formatSize(bytes)} on the host for ${node.name} (firedrill-memory-hog, pid ${hog.pid})`,
    details: { node: node.name, bytes, pid: hog.pid, pidFile, resident: rss },
  };
}
