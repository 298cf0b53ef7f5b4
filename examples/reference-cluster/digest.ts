import { createHash } from 'node:crypto';
import type { ClusterNode } from './cluster-node.js';

export type DigestAnswer = { status: 200; body: NodeDigest } | { status: 409; body: { error: string } };

export interface NodeDigest {
  /** The log position the data digest describes. */
  at: number;
  position: { seq: number; term: number };
  keys: number;
  /** SHA-256 of the data (key, value and the seq that wrote it, in key order). */
  data: string;
  settings: ClusterNode['settings'];
}

/**
 * GET /digest[?at=<seq>]: a digest of this node's data as of a log position (default: its own),
 * and its settings. Replicas that applied the same log to the same position, and that nobody
 * changed out of band, answer the same digest: a drill compares them at a position all have reached.
 */
export function nodeDigest(node: ClusterNode, atText: string | null): DigestAnswer {
  const position = node.store.position;
  const at = atText === null ? position.seq : Number(atText);
  if (!Number.isInteger(at) || at < 0)
    return { status: 409, body: { error: `at=${atText} is not a log position` } };
  const data = node.store.dataAt(at);
  if (!data)
    return { status: 409, body: { error: `position ${at} is not in this node's log (at ${position.seq})` } };
  const hash = createHash('sha256');
  for (const key of [...data.keys()].sort()) {
    const stored = data.get(key)!;
    hash.update(`${JSON.stringify(key)}=${JSON.stringify(stored.value)}@${stored.seq}\n`);
  }
  const settings = { ...node.settings };
  return { status: 200, body: { at, position, keys: data.size, data: hash.digest('hex'), settings } };
}
