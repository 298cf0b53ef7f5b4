/**
 * Fault effect latency: from the instant a fault is due to its effect verified (its undo computed,
 * its helpers started and its injector returned), per fault kind, median of 10, against real containers and a real
 * Toxiproxy. Issue 4's targets: kill ≤ 300 ms, link down ≤ 50 ms, partition via network ≤ 1.5 s.
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
import { startLinks } from '../src/links/start-links.js';
import type { StartedLinks } from '../src/links/started-links.js';
import { resolveTemplates } from '../src/scenario/templates.js';
import { dockerTarget } from '../src/targets/docker/docker-target.js';
import type { StartedTarget } from '../src/targets/target.js';
import { median, type BenchReport, type BenchRow } from './bench-report.js';
import { CutWatcher, roundRow, summaryRows, type CutRound } from './partition-effect.js';

const ROUNDS = 10;

interface Case {
  label: string;
  fault: Record<string, unknown>;
  /** Target in ms, when the issue names one. */
  targetMs?: number;
  /**
   * Also watch the cut from node a to node c (bench/partition-effect.ts) and print, per round and
   * over the rounds, the observed effect against t0 and its stated ±.
   */
  watchCut?: boolean;
  /** Brings the node back after a fault that is not undone by its own steps (a kill without duration). */
  after?: (target: StartedTarget) => Promise<void>;
}

const cases: Case[] = [
  {
    label: 'kill (container, SIGKILL verified exited)',
    fault: { type: 'kill', node: 'a' },
    targetMs: 300,
    after: (t) => t.node('a').start(),
  },
  { label: 'pause (container, verified paused)', fault: { type: 'pause', node: 'a' } },
  {
    label: 'link down (Toxiproxy, verified disabled)',
    fault: { type: 'link', link: 'a_to_c', toxic: 'down' },
    targetMs: 50,
  },
  {
    label: 'link latency toxic (verified listed)',
    fault: { type: 'link', link: 'a_to_c', toxic: 'latency', latency: '100ms' },
  },
  {
    label: 'partition halves via network (4 nodes)',
    fault: { type: 'partition', split: 'halves' },
    targetMs: 1500,
    watchCut: true,
  },
  {
    label: 'partition halves via toxiproxy',
    fault: { type: 'partition', split: 'halves', via: 'toxiproxy' },
  },
];

export async function run(): Promise<BenchReport> {
  const runId = `bench-${randomBytes(3).toString('hex')}`;
  const clock = new SystemClock();
  const context = {
    runId,
    baseDir: process.cwd(),
    clock,
    logger: silentLogger,
    signal: new AbortController().signal,
    recordResource: async () => {},
  };
  const nodes = Object.fromEntries(
    ['a', 'b', 'c', 'd'].map((n) => [
      n,
      { image: images.httpEcho, ports: [8080], wait: { http: '/health' } },
    ]),
  );
  const target = await dockerTarget.start(dockerTarget.schema.parse({ type: 'docker', nodes }), context);
  let links: StartedLinks | undefined;
  try {
    links = await startLinks(
      { a_to_c: { upstream: '${nodes.c.alias}:8080', from: 'a' } },
      undefined,
      target,
      {
        ...context,
        resolveUpstream: (_l, upstream) => resolveTemplates(upstream, target.templateValues()),
      },
    );
    const faultContext: FaultContext = { ...context, target, random: Math.random, ...(links && { links }) };
    const rows: BenchRow[] = [];
    for (const c of selectedCases(process.argv)) {
      const times: number[] = [];
      const rounds: CutRound[] = [];
      const watcher = c.watchCut ? await CutWatcher.start(target, 'a', 'c', runId, clock) : undefined;
      try {
        for (let i = 0; i < ROUNDS; i++) {
          const once = await measureOnce(c, faultContext, target, watcher);
          times.push(once.latency);
          if (once.round) rounds.push(once.round);
        }
      } finally {
        await watcher?.remove();
      }
      const value = median(times);
      rows.push({
        label: c.label,
        value: `${value.toFixed(1)} ms`,
        ...(c.targetMs !== undefined && { target: `<= ${c.targetMs} ms`, met: value <= c.targetMs }),
      });
      if (c.watchCut) rows.push(...rounds.map((round, i) => roundRow(i, round)), ...summaryRows(rounds));
    }
    return { rows };
  } finally {
    await links?.stop().catch(() => undefined);
    await target.stop().catch(() => undefined);
    await removeLabelled(runId);
  }
}

/** `--only <text>`: only the cases whose label contains it (e.g. `--only 'via network'`); default all. */
export function selectedCases(argv: readonly string[]): Case[] {
  const at = argv.indexOf('--only');
  if (at === -1) return cases;
  const text = argv[at + 1] ?? '';
  const chosen = cases.filter((c) => c.label.includes(text));
  if (chosen.length === 0)
    throw new Error(`--only ${text}: no case matches; cases: ${cases.map((c) => c.label).join(', ')}`);
  return chosen;
}

/**
 * One fault: due 20 ms from now; measured from then to its effect verified (prepare included,
 * the watcher's start excluded); then reverted.
 */
async function measureOnce(
  c: Case,
  context: FaultContext,
  target: StartedTarget,
  watcher: CutWatcher | undefined,
): Promise<{ latency: number; round?: CutRound }> {
  const injector = (await injectors[c.fault.type as keyof typeof injectors].load()) as InjectorFactory;
  const fault = injector.create(injector.schema.parse(c.fault));
  const due = performance.now() + 20;
  await new Promise((resolve) => setTimeout(resolve, 20));
  const undo = await fault.prepare(context);
  const prepared = performance.now();
  await watcher?.watch();
  const injecting = performance.now();
  const effect = await fault.inject(context).finally(() => fault.release?.());
  const latency = prepared - due + (performance.now() - injecting);
  // The watcher's last attempts need a moment to be seen hanging rather than slow.
  if (watcher) await new Promise((resolve) => setTimeout(resolve, 100));
  const observed = await watcher?.stop();
  for (const step of undo.reverse()) await runUndoStep(step, { target, offline: offlineNodeControl });
  await c.after?.(target);
  if (!watcher || !effect.window) return { latency };
  const nodes = (effect.details?.cuts ?? {}) as CutRound['nodes'];
  const instant = effect.details?.instant as number;
  return { latency, round: { window: effect.window, observed, nodes, instant } };
}

async function removeLabelled(runId: string): Promise<void> {
  const docker = dockerClient();
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
  for (const c of await docker.listContainers({ all: true, filters }))
    await docker.getContainer(c.Id).remove({ force: true });
  for (const n of await docker.listNetworks({ filters })) await docker.getNetwork(n.Id).remove();
}
