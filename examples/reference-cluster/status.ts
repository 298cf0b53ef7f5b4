import type { ClusterNode } from './cluster-node.js';

/** GET /status: everything a drill's probes look at, in one JSON object. */
export function nodeStatus(node: ClusterNode) {
  const now = node.now();
  const peers = Object.fromEntries(
    node.membership.peers.map((peer) => {
      const silence = node.membership.silence(peer, now);
      return [
        peer,
        {
          state: node.membership.state(peer),
          lastHeardMs: silence === undefined ? null : Math.round(silence),
        },
      ];
    }),
  );
  return {
    id: node.id,
    role: node.quarantined ? 'none' : node.isLeader() ? 'leader' : node.view.leader ? 'follower' : 'none',
    leader: node.view.leader ?? null,
    term: node.view.term,
    quorum: node.hasQuorum(),
    hears: node.quarantined ? 0 : node.live().size,
    of: node.clusterSize,
    mode: node.mode(),
    ready: node.ready(),
    replication: node.settings.replication,
    down: node.membership.down(),
    peers,
    position: node.store.position,
    keys: node.store.size,
    heartbeat: { intervalMs: node.config.heartbeatIntervalMs, timeoutMs: node.config.heartbeatTimeoutMs },
    drift: node.driftWatch.status,
    checkpoint: { path: node.checkpointer.path, ...node.checkpointer.status },
    settings: node.settings,
  };
}
