import { dockerClient } from '../../common/docker.js';
import { FaultNoEffectError, TargetError } from '../../common/errors.js';
import type { UndoStep } from '../../engine/undo.js';
import type { Clock } from '../../common/clock.js';
import { startNetnsSidecar, type NetnsSidecar } from '../../targets/docker/netns-sidecar.js';
import type { ExecResult, NodeRef, StartedTarget } from '../../targets/target.js';
import type { EffectWindow } from '../injector.js';

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

/** `FD-1a2b3c`: the chain holding one fault's rules, so undo removes exactly those. */
export function chainName(suffix: string): string {
  return `FD-${suffix}`;
}

/** Marks the script prints around the one step that turns the cut on: wall-clock nanoseconds. */
const BEFORE_MARK = 'firedrill-cut-before';
const AFTER_MARK = 'firedrill-cut-after';

/** First phase: the chain and its DROP rules, still unreferenced, so nothing is cut yet. */
export function buildScript(chain: string, peers: readonly string[]): string {
  const rules = peers.flatMap((ip) => [
    `iptables -w -A ${chain} -s ${ip} -j DROP`,
    `iptables -w -A ${chain} -d ${ip} -j DROP`,
  ]);
  return ['set -e', `iptables -w -N ${chain}`, ...rules].join('\n');
}

/**
 * Second phase, on every node at once (a bash script: its clock, $EPOCHREALTIME, needs no fork).
 * Ahead of the instant it starts `iptables-restore` on a FIFO and hands it the hooks of the chain
 * into INPUT and OUTPUT (queued, not applied: nothing changes before COMMIT), so the process is
 * spawned and its libraries and the kernel's ruleset loaded while it waits. Then it waits for a
 * shared wall-clock instant (sleep, then spin the last milliseconds) and commits with one write
 * of `COMMIT` and the FIFO's end, stamped before that write and after iptables-restore exited:
 * the span holds the commit itself, not a process start (56-100ms on a loaded machine before).
 * The nodes' cuts go on together, not one exec after another.
 */
export function activateScript(chain: string, atNs: bigint): string {
  return [
    'set -e',
    `at_us=${atNs / 1000n}`,
    'now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }',
    'fifo=$(mktemp -u /tmp/firedrill-cut.XXXXXX)',
    'mkfifo "$fifo"',
    // Read-write: opening never blocks, and our end stays the last writer (the reader closes fd 3).
    'exec 3<>"$fifo"',
    'iptables-restore -w --noflush <"$fifo" 3>&- &',
    'restore=$!',
    `printf '*filter\\n-I INPUT 1 -j ${chain}\\n-I OUTPUT 1 -j ${chain}\\n' >&3`,
    'w=$(( (at_us - $(now_us)) / 1000 - 3 ))',
    'if [ "$w" -gt 0 ]; then sleep "$(( w / 1000 )).$(printf %03d $(( w % 1000 )))"; fi',
    'while (( ${EPOCHREALTIME/./} < at_us )); do :; done',
    'before=${EPOCHREALTIME/./}',
    "printf 'COMMIT\\n' >&3",
    'exec 3>&-',
    'wait "$restore"',
    'after=${EPOCHREALTIME/./}',
    'rm -f "$fifo"',
    `echo "${BEFORE_MARK} \${before}000"`,
    `echo "${AFTER_MARK} \${after}000"`,
    'iptables -w -S',
  ].join('\n');
}

/** The span between the script's marks, as wall-clock milliseconds; undefined when a mark is missing. */
export function cutSpan(stdout: string): { from: number; to: number } | undefined {
  const mark = (name: string): number | undefined => {
    const match = new RegExp(`^${name} (\\d{10,})$`, 'm').exec(stdout);
    return match ? Number(BigInt(match[1]!) / 1000n) / 1000 : undefined;
  };
  const from = mark(BEFORE_MARK);
  const to = mark(AFTER_MARK);
  return from === undefined || to === undefined || to < from ? undefined : { from, to };
}

/** Removes the chain; succeeds only when no rule of it is left. */
export function revertScript(chain: string): string {
  return [
    `iptables -w -D INPUT -j ${chain} 2>/dev/null || true`,
    `iptables -w -D OUTPUT -j ${chain} 2>/dev/null || true`,
    `iptables -w -F ${chain} 2>/dev/null || true`,
    `iptables -w -X ${chain} 2>/dev/null || true`,
    `! iptables -w -S | grep -q -- '${chain}'`,
  ].join('\n');
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
 * waiting. Checks `iptables -S` lists every rule. Returns each node's span on the run clock.
 */
export async function applyCuts(
  cuts: readonly NodeCut[],
  chain: string,
  helpers: ReadonlyMap<string, NetnsSidecar>,
  clock: Clock,
): Promise<EffectWindow[]> {
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
  const atNs = BigInt(Math.round(Date.now() + leadMs)) * 1_000_000n;
  return Promise.all(cuts.map((cut) => activateCut(cut, chain, helper(cut), atNs, clock)));
}

async function activateCut(
  cut: NodeCut,
  chain: string,
  helper: NetnsSidecar,
  atNs: bigint,
  clock: Clock,
): Promise<EffectWindow> {
  const calledAt = clock.now();
  const result = await helper.exec(['bash', '-c', activateScript(chain, atNs)]);
  const returnedAt = clock.now();
  checkApplied(cut, chain, result);
  const wall = cutSpan(result.stdout);
  if (!wall) return { from: calledAt, to: returnedAt };
  // The container shares the host's wall clock: map its stamps onto the run clock.
  const offset = Date.now() - clock.now();
  const within = (t: number): number => Math.min(returnedAt, Math.max(calledAt, t - offset));
  return { from: within(wall.from), to: within(wall.to) };
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
