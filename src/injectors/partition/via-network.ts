import { dockerClient } from '../../common/docker.js';
import { FaultNoEffectError, TargetError } from '../../common/errors.js';
import type { UndoStep } from '../../engine/undo.js';
import { runInNetns } from '../../targets/docker/netns-sidecar.js';
import type { NodeRef, StartedTarget } from '../../targets/target.js';

/** One node's side of a network partition: the addresses it must no longer exchange packets with. */
export interface NodeCut {
  node: string;
  ref: Extract<NodeRef, { kind: 'container' }>;
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
  const refs = new Map<string, NodeCut['ref']>();
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

export function applyScript(chain: string, peers: readonly string[]): string {
  const rules = peers.flatMap((ip) => [
    `iptables -w -A ${chain} -s ${ip} -j DROP`,
    `iptables -w -A ${chain} -d ${ip} -j DROP`,
  ]);
  return [
    'set -e',
    `iptables -w -N ${chain}`,
    ...rules,
    `iptables -w -I INPUT 1 -j ${chain}`,
    `iptables -w -I OUTPUT 1 -j ${chain}`,
    'iptables -w -S',
  ].join('\n');
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

/** Puts one node's rules in place and checks `iptables -S` lists every one of them. */
export async function applyCut(cut: NodeCut, chain: string, runId: string): Promise<void> {
  const result = await runInNetns({
    containerId: cut.ref.id,
    runId,
    command: ['sh', '-c', applyScript(chain, cut.peers)],
  });
  if (result.exitCode !== 0)
    throw new FaultNoEffectError(
      `could not add partition rules to ${cut.node}: ${(result.stderr || result.stdout).trim()}`,
    );
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
