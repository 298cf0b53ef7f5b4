import { gatherKubernetesFacts, type KubernetesFacts } from '../../src/common/readiness/kubernetes.js';

/**
 * Whether the gate runs its kubernetes drills. They need a cluster the gate cannot bring up itself
 * (`sudo npm run k8s:up`, or any cluster by kubeconfig), so the gate runs them when that cluster
 * answers with a Ready node, skips them (saying why) when it does not, and fails them instead when
 * FIREDRILL_REQUIRE_KUBERNETES=1 (CI, after bringing its cluster up): a cluster that vanished must
 * not turn into a green gate.
 */
export type GateCluster =
  | { kind: 'available'; kubeconfig: string; summary: string }
  | { kind: 'unavailable'; required: boolean; reason: string };

const START = 'start the local cluster with `sudo npm run k8s:up`, or set KUBECONFIG';

export async function checkGateCluster(env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<GateCluster> {
  return judgeCluster(await gatherKubernetesFacts(env, signal), env.FIREDRILL_REQUIRE_KUBERNETES === '1');
}

/** Pure: what the readiness facts mean for the gate. */
export function judgeCluster(facts: KubernetesFacts, required: boolean): GateCluster {
  const unavailable = (reason: string): GateCluster => ({ kind: 'unavailable', required, reason });
  switch (facts.kind) {
    case 'no-kubeconfig':
      return unavailable(`no kubeconfig (looked at ${facts.candidates.join(', ')}): ${START}`);
    case 'bad-kubeconfig':
      return unavailable(`${facts.problem}: fix the kubeconfig or set KUBECONFIG to another`);
    case 'unsupported-auth':
      // The gate cannot check it, but the drill's own client can speak it: let the drill try.
      return {
        kind: 'available',
        kubeconfig: facts.target.path,
        summary: `context ${facts.target.context} (not checked: ${facts.way})`,
      };
    case 'unreachable':
      return unavailable(
        `${facts.target.server} (context ${facts.target.context}) does not answer: ${facts.error}: ${START}`,
      );
    case 'reachable': {
      const ready = facts.nodes.filter((node) => node.ready).length;
      const where = `${facts.version} at ${facts.target.server} (context ${facts.target.context})`;
      if (ready === 0) return unavailable(`${where} has no Ready node: \`kubectl describe nodes\` tells why`);
      return {
        kind: 'available',
        kubeconfig: facts.target.path,
        summary: `${where}, ${ready} node(s) Ready`,
      };
    }
  }
}

/** One line for the gate's console: what happens to its kubernetes drills, and why. */
export function describeGateCluster(cluster: GateCluster, count: number): string {
  const drills = `${count} kubernetes drill${count === 1 ? '' : 's'}`;
  if (cluster.kind === 'available') return `kubernetes: ${cluster.summary}: running ${drills}`;
  if (cluster.required)
    return `kubernetes: FIREDRILL_REQUIRE_KUBERNETES=1 but no cluster: ${cluster.reason}: ${drills} fail`;
  return `kubernetes: skipping ${drills} (no cluster: ${cluster.reason})`;
}
