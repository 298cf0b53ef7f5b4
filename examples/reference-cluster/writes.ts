import type { ClusterNode } from './cluster-node.js';

export interface Answer {
  status: number;
  /** JSON for errors and acknowledgements, the value itself for reads. */
  body: string;
  contentType?: string;
}

const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body) });

/**
 * A client's write, to any node: the leader stores it and replicates it (sync: answers once a
 * majority stored it; async: answers at once); a follower forwards it to the leader and relays the
 * answer. Writes forwarded once are never forwarded again (no loops while leadership moves).
 */
export async function clientWrite(
  node: ClusterNode,
  key: string,
  value: string,
  forwardedBy: string | undefined,
): Promise<Answer> {
  const refused = refusal(node);
  if (refused) return refused;
  const limit = node.settings.max_value_bytes;
  if (Buffer.byteLength(value) > limit) {
    return json(413, {
      error: `value is ${Buffer.byteLength(value)} bytes, this node accepts at most ${limit}`,
    });
  }
  const leader = node.view.leader;
  if (leader === undefined || !node.hasQuorum()) {
    return json(503, {
      error: `read-only: no quorum (hears ${node.live().size} of ${node.clusterSize} nodes)`,
    });
  }
  if (leader !== node.id) {
    if (forwardedBy !== undefined) return json(503, { error: `not the leader (${leader} is)` });
    return forward(node, leader, key, value);
  }
  if (!node.leadership.ready) return json(503, { error: 'leader is catching up, retry shortly' });
  const entry = node.store.append(node.view.term, key, value);
  node.leadership.kick();
  if (node.settings.replication === 'async') return json(200, { key, seq: entry.seq, leader: node.id });
  const stored = await node.leadership.waitForMajority(entry.seq, node.config.writeTimeoutMs);
  if (stored) return json(200, { key, seq: entry.seq, leader: node.id });
  const copies = node.leadership.replicatedTo(entry.seq);
  return json(503, {
    error: `not acknowledged: stored on ${copies} of ${node.clusterSize} nodes within ${node.config.writeTimeoutMs}ms`,
    seq: entry.seq,
  });
}

/**
 * Reads are served by the node asked, from its own state: a follower may lag the leader by a
 * replication round, and a minority node serves what it had (read-only). A node that has a leader
 * but is not caught up with it yet (just elected, or just rejoined) answers 503 instead of stale data.
 */
export function clientRead(node: ClusterNode, key: string): Answer {
  const refused = refusal(node);
  if (refused) return refused;
  if (node.mode() === 'read-write' && !node.ready()) {
    return json(503, { error: `catching up with the leader (${node.view.leader})` });
  }
  const stored = node.store.get(key);
  if (!stored) return json(404, { error: `no key ${key}` });
  return { status: 200, body: stored.value, contentType: 'text/plain' };
}

function refusal(node: ClusterNode): Answer | undefined {
  if (node.quarantined) return json(503, { error: 'quarantined: this node left the cluster' });
  if (node.restoring) return json(503, { error: 'restoring state from a peer (checkpoint was corrupt)' });
  return undefined;
}

async function forward(node: ClusterNode, leader: string, key: string, value: string): Promise<Answer> {
  const path = `/kv/${encodeURIComponent(key)}`;
  const timeout = node.config.writeTimeoutMs + node.config.heartbeatTimeoutMs;
  try {
    const reply = await node.peers.forward(leader, path, value, node.id, timeout);
    return { status: reply.status, body: reply.text };
  } catch (error) {
    return json(503, { error: `leader ${leader} unreachable: ${describe(error)}` });
  }
}

/** fetch says "fetch failed" and keeps the reason (ECONNREFUSED...) in its cause. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
