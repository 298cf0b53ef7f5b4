import type { ClusterNode } from './cluster-node.js';
import type { ReplicateReply, ReplicateRequest } from './follower-stream.js';

/** A follower receiving the leader's log (or a snapshot of it). */
export function handleReplicate(
  node: ClusterNode,
  request: ReplicateRequest,
): { status: number; body: ReplicateReply | { error: string } } {
  if (node.quarantined) return { status: 503, body: { error: 'quarantined' } };
  // Log traffic proves the leader is alive as well as its heartbeats do.
  node.membership.heard(request.leader, node.now());
  node.adopt(request);
  if (request.term !== node.view.term || node.view.leader !== request.leader) {
    return { status: 409, body: { result: 'stale', term: node.view.term, leader: node.view.leader } };
  }
  const store = node.store;
  if (request.snapshot) {
    store.install(request.snapshot);
    node.log(`installed a snapshot from ${request.leader} (seq ${store.position.seq}, ${store.size} keys)`);
  } else if (store.accept(request.prev ?? store.position, request.entries ?? []) === 'mismatch') {
    return { status: 409, body: { result: 'mismatch', position: store.position } };
  }
  node.synced = store.position.seq >= request.upTo;
  return { status: 200, body: { result: 'applied', position: store.position } };
}
