import type { ClusterNode } from './cluster-node.js';
import { majority } from './election.js';
import { FollowerStream } from './follower-stream.js';
import { sleep } from './repeat.js';
import { comparePositions, type Position, type Snapshot } from './store.js';

interface Waiter {
  seq: number;
  done(stored: boolean): void;
}

/**
 * What a node does while it leads one term: catch up from the most up-to-date node it hears from
 * (so no write a majority acknowledged is lost by the election), then stream its log to each peer.
 */
export class Leadership {
  /** Caught up: writes are accepted. */
  ready = false;
  /** Async replication ships when (Date.now() - shipPhase) is a multiple of ASYNC_LAG. */
  shipPhase = 0;
  private term: number | undefined;
  private abort = new AbortController();
  private streams: FollowerStream[] = [];
  private waiters: Waiter[] = [];

  constructor(private readonly node: ClusterNode) {}

  begin(term: number): void {
    this.stop();
    this.term = term;
    this.shipPhase = Math.floor(Math.random() * this.node.config.asyncLagMs);
    this.abort = new AbortController();
    void this.lead(term, this.abort.signal);
  }

  stop(): void {
    this.abort.abort();
    this.ready = false;
    this.term = undefined;
    this.streams = [];
    for (const waiter of this.waiters.splice(0)) waiter.done(false);
  }

  /** Ships new entries now (sync replication); async replication ships them on its own beat. */
  kick(): void {
    for (const stream of this.streams) stream.kick();
  }

  /** Resolves true once a majority (the leader included) stored `seq`, false after the timeout. */
  waitForMajority(seq: number, timeoutMs: number): Promise<boolean> {
    if (this.replicatedTo(seq) >= majority(this.node.clusterSize)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(false), timeoutMs);
      const waiter: Waiter = { seq, done: settle };
      this.waiters.push(waiter);
      const waiters = this.waiters;
      function settle(stored: boolean): void {
        clearTimeout(timer);
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        resolve(stored);
      }
    });
  }

  /** How many nodes hold `seq` (the leader included). */
  replicatedTo(seq: number): number {
    return 1 + this.streams.filter((s) => s.matched >= seq).length;
  }

  /** Called by the streams when a follower confirmed a position. */
  progressed(): void {
    const needed = majority(this.node.clusterSize);
    for (const waiter of [...this.waiters]) {
      if (this.replicatedTo(waiter.seq) >= needed) waiter.done(true);
    }
  }

  private async lead(term: number, signal: AbortSignal): Promise<void> {
    const node = this.node;
    while (!signal.aborted && !(await this.catchUp(signal))) {
      await sleep(node.config.heartbeatIntervalMs, signal);
    }
    if (signal.aborted || this.term !== term) return;
    if (node.restoring) node.checkpointer.restored('the nodes consulted when elected');
    this.ready = true;
    const { seq } = node.store.position;
    node.log(`accepting writes (term ${term}, log at seq ${seq}, replication ${node.settings.replication})`);
    this.streams = node.config.peers.map((peer) => new FollowerStream(node, this, peer.id, term, signal));
    for (const stream of this.streams) void stream.run();
  }

  /**
   * Asks every node it hears from for its log position and installs the snapshot of the one
   * furthest ahead, when that is not itself. Needs answers from a majority (itself included):
   * every acknowledged write is on at least one of them.
   */
  private async catchUp(signal: AbortSignal): Promise<boolean> {
    const node = this.node;
    const timeout = node.config.heartbeatTimeoutMs;
    const asked = node.membership.up();
    const answers = await Promise.all(
      asked.map(async (peer) => {
        const reply = await node.peers
          .get<Position>(peer, '/internal/position', timeout)
          .catch(() => undefined);
        return reply?.status === 200 ? { peer, position: reply.body } : undefined;
      }),
    );
    const known = answers.filter((a) => a !== undefined);
    if (signal.aborted || known.length + 1 < majority(node.clusterSize)) return false;
    const best = known.sort((a, b) => comparePositions(b.position, a.position))[0];
    if (!best || comparePositions(best.position, node.store.position) <= 0) return true;
    const reply = await node.peers
      .get<Snapshot>(best.peer, '/internal/snapshot', timeout)
      .catch(() => undefined);
    if (signal.aborted || reply?.status !== 200) return false;
    node.store.install(reply.body);
    node.log(
      `caught up from ${best.peer} (seq ${reply.body.position.seq}, term ${reply.body.position.term})`,
    );
    return true;
  }
}
