import { dockerClient } from '../../common/docker.js';
import { FaultNoEffectError, TargetError } from '../../common/errors.js';
import type { UndoStep } from '../../engine/undo.js';
import type { Clock } from '../../common/clock.js';
import { startNetnsSidecar, type NetnsSidecar } from '../../targets/docker/netns-sidecar.js';
import type { ExecResult, NodeRef, StartedTarget } from '../../targets/target.js';
import type { EffectWindow } from '../injector.js';
import { activateScript, buildScript, cutMarks, revertScript } from './cut-scripts.js';
import { nodeCutTimes, wallOffset, type NodeCutTimes } from './cut-clock.js';

// The scripts are also used as they are on pods (the ephemeral-netns e2e test).
export { activateScript, buildScript, chainName, revertScript } from './cut-scripts.js';

/** One node's side of a network partition: the addresses it must no longer exchange packets with. */
export interface NodeCut {
  node: string;
  /** A container (docker), or a pod (kubernetes: the rules go in through an ephemeral container). */
  ref: Extract<NodeRef, { kind: 'container' | 'pod' }>;
  peers: string[];
}

/** Each node's container and the run-network addresses of the nodes on the other sides. */
export async function planCuts(target: StartedTarget, groups: readonly string[][]): Promise<NodeCut[]> {
  const network = target.network;
  if (!network)
    throw new TargetError('a partition via network needs containers on one Docker network', {
      hint: 'use a docker target (or attach to containers sharing a network), or `via: toxiproxy` with links',
    });
  const address = new Map<string, string>();
  const refs = new Map<string, Extract<NodeRef, { kind: 'container' }>>();
  for (const name of groups.flat()) {
    const ref = target.node(name).ref();
    if (ref.kind !== 'container') throw new TargetError(`node ${name} is not a container`);
    refs.set(name, ref);
    const info = await dockerClient().getContainer(ref.id).inspect();
    const ip = info.NetworkSettings.Networks[network.name]?.IPAddress;
    if (!ip)
      throw new FaultNoEffectError(`node ${name} has no address on network ${network.name} (is it running?)`);
    address.set(name, ip);
  }
  return groups.flatMap((group, g) =>
    group.map((node) => ({
      node,
      ref: refs.get(node)!,
      peers: groups
        .filter((_, other) => other !== g)
        .flat()
        .map((peer) => address.get(peer)!),
    })),
  );
}

export function undoStep(cut: NodeCut, chain: string, runId: string): UndoStep {
  return {
    action: 'netns.exec',
    ref: cut.ref,
    runId,
    command: ['sh', '-c', revertScript(chain)],
    description: `remove partition rules (${chain}) from ${cut.node}`,
  };
}

/** The helpers of one partition, started in prepare, one per node. */
export async function startHelpers(
  cuts: readonly NodeCut[],
  runId: string,
): Promise<Map<string, NetnsSidecar>> {
  const started = await Promise.allSettled(
    cuts.map((cut) => startNetnsSidecar((cut.ref as Extract<NodeRef, { kind: 'container' }>).id, runId)),
  );
  const helpers = new Map<string, NetnsSidecar>();
  started.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') helpers.set(cuts[i]!.node, outcome.value);
  });
  const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) {
    await removeHelpers(helpers);
    throw failed.reason;
  }
  return helpers;
}

export async function removeHelpers(helpers: ReadonlyMap<string, NetnsSidecar>): Promise<void> {
  await Promise.allSettled([...helpers.values()].map((helper) => helper.remove()));
}

/** Longest and shortest lead given to the nodes to reach the shared instant of the cut. */
const MIN_LEAD_MS = 30;
const MAX_LEAD_MS = 1000;

/**
 * Cuts every node: builds each node's chain (no effect yet), then turns all the cuts on at one
 * shared instant, far enough ahead (twice the slowest first-phase exec) for every helper to be
 * waiting. Checks `iptables -S` lists every rule. Returns each node's span and the instant, on the
 * run clock.
 */
export async function applyCuts(
  cuts: readonly NodeCut[],
  chain: string,
  helpers: ReadonlyMap<string, NetnsSidecar>,
  clock: Clock,
): Promise<{ spans: NodeCutTimes[]; instant: number }> {
  const helper = (cut: NodeCut): NetnsSidecar => helpers.get(cut.node)!;
  const built = await Promise.all(
    cuts.map(async (cut) => {
      const calledAt = clock.now();
      const result = await helper(cut).exec(['sh', '-c', buildScript(chain, cut.peers)]);
      if (result.exitCode !== 0)
        throw new FaultNoEffectError(`could not add partition rules to ${cut.node}: ${said(result)}`);
      return clock.now() - calledAt;
    }),
  );
  const leadMs = Math.min(MAX_LEAD_MS, Math.max(MIN_LEAD_MS, 2 * Math.max(...built)));
  // Taken once, before the instant: the containers' stamps are wall-clock microseconds.
  const offset = wallOffset(clock);
  const atNs = BigInt(Math.round((clock.now() + leadMs + offset) * 1000)) * 1000n;
  const spans = await Promise.all(
    cuts.map((cut) => activateCut(cut, chain, helper(cut), { atNs, offset }, clock)),
  );
  return { spans, instant: Number(atNs / 1000n) / 1000 - offset };
}

async function activateCut(
  cut: NodeCut,
  chain: string,
  helper: NetnsSidecar,
  instant: { atNs: bigint; offset: number },
  clock: Clock,
): Promise<NodeCutTimes> {
  const calledAt = clock.now();
  const result = await helper.exec(['bash', '-c', activateScript(chain, instant.atNs, cut.peers[0]!)]);
  const returnedAt = clock.now();
  checkApplied(cut, chain, result);
  return nodeCutTimes(cutMarks(result.stdout), instant.offset, calledAt, returnedAt);
}

function said(result: ExecResult): string {
  return (result.stderr || result.stdout).trim();
}

function checkApplied(cut: NodeCut, chain: string, result: ExecResult): void {
  if (result.exitCode !== 0)
    throw new FaultNoEffectError(`could not add partition rules to ${cut.node}: ${said(result)}`);
  const listed = result.stdout.split('\n');
  const expected = [
    `-A INPUT -j ${chain}`,
    `-A OUTPUT -j ${chain}`,
    ...cut.peers.flatMap((ip) => [`-A ${chain} -s ${ip}/32 -j DROP`, `-A ${chain} -d ${ip}/32 -j DROP`]),
  ];
  const missing = expected.filter((rule) => !listed.includes(rule));
  if (missing.length > 0)
    throw new FaultNoEffectError(
      `partition rules missing on ${cut.node} after adding them: ${missing.join('; ')}`,
    );
}

/**
 * When a partition was in place, from each node's cut: it began with the first node's cut, and
 * was complete once every pair of nodes on different sides was cut, which takes only one of the
 * two (either one drops the packets between them).
 */
export function partitionWindow(
  groups: readonly string[][],
  spans: ReadonlyMap<string, EffectWindow>,
): EffectWindow | undefined {
  const all = [...spans.values()];
  if (all.length === 0) return undefined;
  const from = Math.min(...all.map((s) => s.from));
  let to = from;
  groups.forEach((group, g) => {
    for (const a of group)
      for (const b of groups.slice(g + 1).flat()) {
        const pairCut = Math.min(spans.get(a)?.to ?? Infinity, spans.get(b)?.to ?? Infinity);
        if (Number.isFinite(pairCut)) to = Math.max(to, pairCut);
      }
  });
  return { from, to };
}
