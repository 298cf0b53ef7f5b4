import { performance } from 'node:perf_hooks';
import type { NodeConfig, Settings } from './config.js';
import { Checkpointer } from './checkpointer.js';
import { DriftWatch } from './drift-watch.js';
import { majority, onRemoteView, onTick, sameView, type View } from './election.js';
import { Leadership } from './leadership.js';
import { Membership } from './membership.js';
import { PeerClient } from './peer-client.js';
import { every } from './repeat.js';
import { Store, type Position } from './store.js';

export type Log = (line: string) => void;

export interface Heartbeat extends View {
  from: string;
  position: Position;
  /** The sender hears its leader (or is the leader). */
  hearsLeader: boolean;
}

/** What a node is doing: `read-only` is a node on the minority side of a partition. */
export type Mode = 'read-write' | 'read-only' | 'restoring' | 'quarantined';

/**
 * One node: failure detection and election run on each heartbeat round; leadership (catch-up and
 * replication), checkpoints and drift checks are delegated to their own classes.
 */
export class ClusterNode {
  readonly store = new Store();
  readonly membership: Membership;
  readonly peers: PeerClient;
  readonly settings: Settings;
  readonly leadership: Leadership;
  readonly checkpointer: Checkpointer;
  readonly driftWatch: DriftWatch;
  view: View = { term: 0 };
  /** Follower: the current leader confirmed this node holds its log (a replicate call succeeded). */
  synced = false;
  /** The checkpoint was corrupt: state is being fetched from a peer. */
  restoring = false;
  quarantined = false;
  private readonly startedAt: number;
  private hadQuorum = false;
  private loops: Array<{ stop(): void }> = [];
  private readonly inFlight = new Set<string>();
  /** Each peer's last heartbeat. */
  private readonly beats = new Map<string, Heartbeat>();

  constructor(
    readonly config: NodeConfig,
    readonly log: Log = (line) => console.log(line),
    readonly now: () => number = () => performance.now(),
  ) {
    this.membership = new Membership(
      config.peers.map((p) => p.id),
      config.heartbeatTimeoutMs,
    );
    this.peers = new PeerClient(config.peers);
    this.settings = { ...config.settings };
    this.startedAt = now();
    this.leadership = new Leadership(this);
    this.checkpointer = new Checkpointer(this);
    this.driftWatch = new DriftWatch(this);
  }

  get id(): string {
    return this.config.id;
  }

  get clusterSize(): number {
    return this.config.peers.length + 1;
  }

  /** The nodes this node hears from, itself included. */
  live(): Set<string> {
    return new Set([this.id, ...this.membership.up()]);
  }

  hasQuorum(): boolean {
    return !this.quarantined && this.live().size >= majority(this.clusterSize);
  }

  isLeader(): boolean {
    return this.view.leader === this.id;
  }

  mode(): Mode {
    if (this.quarantined) return 'quarantined';
    if (this.restoring) return 'restoring';
    return this.hasQuorum() && this.view.leader !== undefined ? 'read-write' : 'read-only';
  }

  /** Ready for clients: a leader that caught up, or a follower its leader confirmed. */
  ready(): boolean {
    if (this.mode() !== 'read-write') return false;
    return this.isLeader() ? this.leadership.ready : this.synced;
  }

  async start(): Promise<void> {
    await this.checkpointer.load();
    const { heartbeatIntervalMs, checkpointIntervalMs, driftIntervalMs } = this.config;
    this.loops = [
      every(heartbeatIntervalMs, () => this.heartbeatRound()),
      every(checkpointIntervalMs, () => this.checkpointer.tick()),
      every(driftIntervalMs, () => this.driftWatch.tick()),
    ];
  }

  /** Stops every loop; `graceful` also writes a last checkpoint. */
  async stop(graceful: boolean): Promise<void> {
    for (const loop of this.loops) loop.stop();
    this.loops = [];
    this.leadership.stop();
    if (graceful && !this.quarantined) await this.checkpointer.writeNow();
  }

  /** A peer's heartbeat: it is alive, and its view of the leader may be newer. */
  receiveHeartbeat(beat: Heartbeat): View {
    if (this.quarantined) return this.view;
    this.membership.heard(beat.from, this.now());
    this.beats.set(beat.from, beat);
    this.adopt(beat);
    this.evaluate();
    return this.view;
  }

  /** Another node's (term, leader), from a heartbeat, a replicate call or an answer to one. */
  adopt(remote: View): void {
    if (!this.quarantined) this.setView(onRemoteView(this.view, remote));
  }

  /** Takes the node out of the cluster until an operator restarts it (it then resyncs from peers). */
  async quarantine(reason: string): Promise<void> {
    if (this.quarantined) return;
    this.quarantined = true;
    this.log(`quarantined: ${reason}; leaving the cluster until restarted`);
    await this.stop(false);
    this.view = { term: this.view.term };
    await this.checkpointer.discard();
  }

  private async heartbeatRound(): Promise<void> {
    this.evaluate();
    const leader = this.view.leader;
    const hearsLeader =
      leader === this.id || (leader !== undefined && this.membership.state(leader) === 'up');
    const beat: Heartbeat = { from: this.id, ...this.view, position: this.store.position, hearsLeader };
    const timeout = this.config.heartbeatIntervalMs * 2;
    for (const peer of this.config.peers) {
      // A paused peer must not pile up requests: one heartbeat in flight per peer.
      if (this.inFlight.has(peer.id)) continue;
      this.inFlight.add(peer.id);
      this.peers
        .post<View>(peer.id, '/internal/heartbeat', beat, timeout)
        .then((reply) => reply.status === 200 && this.adopt(reply.body))
        .catch(() => undefined)
        .finally(() => this.inFlight.delete(peer.id));
    }
  }

  /** Failure detection and election: who is up, is there a quorum, who leads. */
  private evaluate(): void {
    if (this.quarantined) return;
    const now = this.now();
    for (const change of this.membership.update(now)) {
      if (change.to === 'up') this.log(`peer ${change.peer} up`);
      else this.log(`peer ${change.peer} down (no heartbeat for ${Math.round(change.silentMs ?? 0)}ms)`);
    }
    const live = this.live();
    const quorum = this.hasQuorum();
    if (quorum !== this.hadQuorum) {
      this.hadQuorum = quorum;
      const hears = `hears ${live.size} of ${this.clusterSize} nodes`;
      this.log(quorum ? `quorum (${hears})` : `lost quorum (${hears}): read-only`);
    }
    const canElect =
      now - this.startedAt >= this.config.heartbeatTimeoutMs || this.membership.everyPeerHeard();
    const leaderVouched = this.membership
      .up()
      .some((peer) => this.beats.get(peer)?.hearsLeader && this.beats.get(peer)?.leader === this.view.leader);
    this.setView(onTick(this.view, { clusterSize: this.clusterSize, live, canElect, leaderVouched }));
  }

  private setView(next: View): void {
    if (sameView(next, this.view)) return;
    const previous = this.view;
    this.view = next;
    this.synced = false;
    this.leadership.stop();
    if (next.leader === undefined) {
      this.log(`no leader (term ${next.term})`);
    } else if (next.leader === this.id) {
      this.log(`leading (term ${next.term}; previous leader: ${previous.leader ?? 'none'})`);
      this.leadership.begin(next.term);
    } else {
      this.log(`following ${next.leader} (term ${next.term})`);
    }
  }
}
