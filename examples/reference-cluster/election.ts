/**
 * Leader election, deliberately simple (this is not Raft):
 *
 * - A node has quorum when it hears heartbeats from a majority of the cluster (itself included).
 * - Without quorum it follows nobody: the cluster side it is on turns read-only.
 * - With quorum it keeps its leader while it hears from that leader, or while a peer it hears from
 *   says it hears that leader (so a node rejoining after a partition does not depose a leader it has
 *   not heard yet). Leadership is sticky: a node that comes back does not take it back.
 * - When the leader is gone, it picks the lowest id among the nodes it hears from (natural order:
 *   n2 < n10) and bumps the term.
 * - Heartbeats carry (term, leader): a higher term wins; on the same term, the lower leader id wins.
 *   Nodes that saw the same failure make the same choice, and the rules converge when they did not.
 *
 * A newly elected leader first catches up from the most up-to-date node it hears from (see
 * leadership.ts), so a write acknowledged by a majority survives the election.
 */

export interface View {
  term: number;
  /** Undefined: no leader known (starting, or no quorum). */
  leader?: string | undefined;
}

export function majority(clusterSize: number): number {
  return Math.floor(clusterSize / 2) + 1;
}

export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function lowestId(ids: Iterable<string>): string | undefined {
  return [...ids].sort(compareIds)[0];
}

export interface TickInput {
  clusterSize: number;
  /** Nodes this node hears from, itself included. */
  live: ReadonlySet<string>;
  /** False during the first heartbeat timeout after a start, until every peer was heard. */
  canElect: boolean;
  /** A live peer's last heartbeat says it hears the current leader. */
  leaderVouched?: boolean;
}

/** The view after a heartbeat round: keep a live leader, elect when it is gone, none without quorum. */
export function onTick(view: View, input: TickInput): View {
  if (input.live.size < majority(input.clusterSize)) {
    return view.leader === undefined ? view : { term: view.term };
  }
  if (view.leader !== undefined && (input.live.has(view.leader) || input.leaderVouched)) return view;
  if (!input.canElect) return view;
  return { term: view.term + 1, leader: lowestId(input.live) };
}

/** The view after hearing another node's (term, leader). */
export function onRemoteView(view: View, remote: View): View {
  if (remote.term > view.term) return { term: remote.term, leader: remote.leader ?? view.leader };
  if (remote.term < view.term || remote.leader === undefined) return view;
  if (view.leader === undefined || compareIds(remote.leader, view.leader) < 0) {
    return { term: view.term, leader: remote.leader };
  }
  return view;
}

export function sameView(a: View, b: View): boolean {
  return a.term === b.term && a.leader === b.leader;
}
