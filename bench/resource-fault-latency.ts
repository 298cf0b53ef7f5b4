/**
 * Resource and state fault effect latency: from the instant a fault is due to its effect verified
 * (undo computed, injector returned), per fault kind, median of 10, in a real container (memory
 * limit, tmpfs). No issue names targets for these: the figures show what a drill's t0 costs.
 */
import { randomBytes } from 'node:crypto';
import { SystemClock } from '../src/common/clock.js';
import { RUN_LABEL, dockerClient } from '../src/common/docker.js';
import { images } from '../src/common/images.js';
import { silentLogger } from '../src/common/logger.js';
import { offlineNodeControl } from '../src/engine/offline-node-control.js';
import { runUndoStep } from '../src/engine/undo-executor.js';
import type { FaultContext, InjectorFactory } from '../src/injectors/injector.js';
import { injectors } from '../src/injectors/registry.js';
import { dockerTarget } from '../src/targets/docker/docker-target.js';
import type { StartedTarget } from '../src/targets/target.js';
import { median, type BenchReport } from './bench-report.js';

const ROUNDS = 10;

const cases: Array<{ label: string; fault: Record<string, unknown> }> = [
  {
    label: 'disk-fill 90% of a 64 MiB tmpfs (fallocate)',
    fault: { type: 'disk-fill', path: '/data', percent: 90 },
  },
  { label: 'memory 64 MiB (shell hog, cgroup verified)', fault: { type: 'memory', size: '64m' } },
  { label: 'cpu 2 workers at 50% (CPU time verified)', fault: { type: 'cpu', workers: 2, load: 50 } },
  {
    label: 'corrupt 16 bytes bitflip (read back)',
    fault: { type: 'corrupt', path: '/tmp/db.bin', bytes: 16 },
  },
  {
    label: 'drift file patch (backup, read back)',
    fault: { type: 'drift', file: { path: '/tmp/app.conf', set: 'x=2\n' } },
  },
  { label: 'exec in the node (exit code)', fault: { type: 'exec', command: 'true' } },
];

export async function run(): Promise<BenchReport> {
  const runId = `bench-${randomBytes(3).toString('hex')}`;
  const context = {
    runId,
    baseDir: process.cwd(),
    clock: new SystemClock(),
    logger: silentLogger,
    signal: new AbortController().signal,
    recordResource: async () => {},
  };
  const config = dockerTarget.schema.parse({
    type: 'docker',
    nodes: { a: { image: images.httpEcho, memory: '256m', tmpfs: { '/data': '64m' } } },
  });
  const target = await dockerTarget.start(config, context);
  try {
    await target
      .node('a')
      .exec(['sh', '-c', 'head -c 65536 /dev/urandom > /tmp/db.bin; echo x=1 > /tmp/app.conf']);
    const faultContext: FaultContext = { ...context, target, random: Math.random };
    const rows = [];
    for (const c of cases) {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++)
        times.push(await measureOnce({ node: 'a', ...c.fault }, faultContext, target));
      rows.push({ label: c.label, value: `${median(times).toFixed(1)} ms` });
    }
    return { rows };
  } finally {
    await target.stop().catch(() => undefined);
    const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
    for (const c of await dockerClient().listContainers({ all: true, filters }))
      await dockerClient().getContainer(c.Id).remove({ force: true });
  }
}

/** One fault: due 20 ms from now; measured from then to its effect verified; then reverted. */
async function measureOnce(
  raw: Record<string, unknown>,
  context: FaultContext,
  target: StartedTarget,
): Promise<number> {
  const injector = (await injectors[raw.type as keyof typeof injectors].load()) as InjectorFactory;
  const fault = injector.create(injector.schema.parse(raw));
  const due = performance.now() + 20;
  await new Promise((resolve) => setTimeout(resolve, 20));
  const undo = await fault.prepare(context);
  await fault.inject(context);
  const latency = performance.now() - due;
  for (const step of undo.reverse()) await runUndoStep(step, { target, offline: offlineNodeControl });
  return latency;
}
