import { FaultNoEffectError } from '../../common/errors.js';
import type { FaultEffect } from '../injector.js';
import { cpuTicksOver, startCpuWorkers } from './container-hogs.js';
import { pollUntil } from '../../targets/process/poll.js';
import { cpuTicks, processTitle, spawnCpuWorkers } from './host-hogs.js';
import type { HogSite } from './hog-fault.js';

export interface CpuLoad {
  workers: number;
  /** Percent of one core each worker keeps busy. */
  load: number;
}

/** How long to watch the workers: long enough for a light load to show whole clock ticks (10 ms). */
export function watchSeconds(load: number): number {
  return load < 20 ? 1 : 0.3;
}

export async function cpuWorkersInContainer(site: HogSite, cpu: CpuLoad): Promise<FaultEffect> {
  const { node, pidFile, context } = site;
  const options = { signal: context.signal };
  const pids = await startCpuWorkers(node, pidFile, cpu.workers, cpu.load, options);
  const used = await cpuTicksOver(node, pids, watchSeconds(cpu.load), options);
  requireBusy(node.name, used);
  return {
    summary: `${describeWorkers(cpu)} busy in ${node.name} (pids ${pids.join(', ')})`,
    details: {
      node: node.name,
      workers: cpu.workers,
      load: cpu.load,
      pids,
      pidFile,
      ticks: Object.fromEntries(used),
    },
  };
}

export async function cpuWorkersOnHost(site: HogSite, cpu: CpuLoad): Promise<FaultEffect> {
  const { node, pidFile, context } = site;
  const workers = spawnCpuWorkers(cpu.workers, cpu.load, pidFile);
  // Node takes a moment to start: measure once every worker runs its loop (it has its title).
  const looping = async (): Promise<boolean> =>
    (await Promise.all(workers.map((w) => processTitle(w.pid)))).every((t) => t === 'firedrill-cpu-worker');
  await pollUntil(looping, {
    clock: context.clock,
    timeoutMs: 10_000,
    intervalMs: 20,
    signal: context.signal,
  });
  const before = await Promise.all(workers.map((w) => cpuTicks(w.pid)));
  await context.clock.sleep(watchSeconds(cpu.load) * 1000, context.signal);
  const after = await Promise.all(workers.map((w) => cpuTicks(w.pid)));
  const used = new Map(
    workers.map((w, i) => {
      const [a, b] = [before[i], after[i]];
      return [w.pid, a === undefined || b === undefined ? -1 : b - a] as const;
    }),
  );
  requireBusy(node.name, used);
  const pids = workers.map((w) => w.pid);
  return {
    summary: `${describeWorkers(cpu)} busy on the host for ${node.name} (firedrill-cpu-worker, pids ${pids.join(', ')})`,
    details: {
      node: node.name,
      workers: cpu.workers,
      load: cpu.load,
      pids,
      pidFile,
      ticks: Object.fromEntries(used),
    },
  };
}

/** "2 workers at 50%", "1 worker at 100%". */
export function describeWorkers(cpu: CpuLoad): string {
  return `${cpu.workers} worker${cpu.workers === 1 ? '' : 's'} at ${cpu.load}%`;
}

/** Every worker must be alive and have used CPU while watched. */
function requireBusy(node: string, used: ReadonlyMap<number, number>): void {
  const gone = [...used].filter(([, ticks]) => ticks < 0).map(([pid]) => pid);
  const idle = [...used].filter(([, ticks]) => ticks === 0).map(([pid]) => pid);
  if (gone.length > 0)
    throw new FaultNoEffectError(
      `CPU workers for ${node} ended right after they started (pids ${gone.join(', ')})`,
    );
  if (idle.length > 0)
    throw new FaultNoEffectError(`CPU workers for ${node} used no CPU time (pids ${idle.join(', ')})`, {
      hint: 'the node may be paused or frozen, or its CPU quota exhausted',
    });
}
