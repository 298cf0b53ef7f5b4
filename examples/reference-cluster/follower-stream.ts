import type { ClusterNode } from './cluster-node.js';
import type { View } from './election.js';
import type { Leadership } from './leadership.js';
import { sleep } from './repeat.js';
import type { Entry, Position, Snapshot } from './store.js';

/** A replicate call: entries following `prev`, or a whole snapshot when the follower is too far off. */
export interface ReplicateRequest extends View {
  leader: string;
  /** The leader's last seq when it sent this: a follower that reached it is in sync. */
  upTo: number;
  prev?: Position;
  entries?: Entry[];
  snapshot?: Snapshot;
}

export type ReplicateReply =
  | { result: 'applied'; position: Position }
  | { result: 'mismatch'; position: Position }
  | { result: 'stale'; term: number; leader?: string };

const BATCH = 500;

/**
 * The leader's log shipping to one follower. Sync replication ships each write at once (the client
 * waits for a majority); async replication ships every `asyncLagMs`, so a leader that dies loses
 * what it acknowledged in the last window.
 */
export class FollowerStream {
  /** Highest seq the follower confirmed holding; -1 while unknown (then it is asked first). */
  matched = -1;
  private wake: (() => void) | undefined;

  constructor(
    private readonly node: ClusterNode,
    private readonly leadership: Leadership,
    private readonly peer: string,
    private readonly term: number,
    private readonly signal: AbortSignal,
  ) {}

  kick(): void {
    this.wake?.();
  }

  async run(): Promise<void> {
    const sync = (): boolean => this.node.settings.replication === 'sync';
    while (!this.signal.aborted) {
      // A follower that was down may have restarted from an older checkpoint: ask it again.
      if (this.node.membership.state(this.peer) === 'down') this.matched = -1;
      // Also when idle: an empty call keeps the follower's "in sync with my leader" fresh.
      else if ((await this.ship()) && this.behind() && sync()) continue;
      await this.pause(sync() ? this.node.config.heartbeatIntervalMs : this.untilNextShipment(), sync());
    }
  }

  private behind(): boolean {
    return this.matched < this.node.store.position.seq;
  }

  /** One replicate call; true when the follower's position is now known. */
  private async ship(): Promise<boolean> {
    const store = this.node.store;
    if (this.matched < 0) return this.send({ prev: store.position, entries: [] });
    const prevTerm = store.termAt(this.matched);
    const entries = store.entriesAfter(this.matched, BATCH);
    if (prevTerm === undefined || entries === undefined) return this.send({ snapshot: store.snapshot() });
    return this.send({ prev: { seq: this.matched, term: prevTerm }, entries });
  }

  private async send(payload: Pick<ReplicateRequest, 'prev' | 'entries' | 'snapshot'>): Promise<boolean> {
    const node = this.node;
    const upTo = node.store.position.seq;
    const request: ReplicateRequest = { term: this.term, leader: node.id, upTo, ...payload };
    const reply = await node.peers
      .post<ReplicateReply>(this.peer, '/internal/replicate', request, node.config.heartbeatTimeoutMs)
      .catch(() => undefined);
    if (this.signal.aborted || !reply || (reply.status !== 200 && reply.status !== 409)) return false;
    const body = reply.body;
    if (body.result === 'stale') {
      node.adopt({ term: body.term, leader: body.leader });
      return false;
    }
    if (body.result === 'applied') {
      this.matched = body.position.seq;
      this.leadership.progressed();
      return true;
    }
    // Mismatch: continue from the follower's position when this log holds it, else send a snapshot.
    const { position } = body;
    const shared =
      position.seq <= node.store.position.seq && node.store.termAt(position.seq) === position.term;
    if (shared) {
      this.matched = position.seq;
      return true;
    }
    return this.send({ snapshot: node.store.snapshot() });
  }

  /**
   * Async shipments go out to every follower together, every `asyncLagMs` from a random phase
   * chosen when the leadership began (a timer started at some moment): a crash lands anywhere in
   * the window, not always at the same point of it.
   */
  private untilNextShipment(): number {
    const lag = this.node.config.asyncLagMs;
    return lag - ((Date.now() - this.leadership.shipPhase) % lag);
  }

  private pause(ms: number, wakeOnKick: boolean): Promise<void> {
    const waker = new AbortController();
    if (wakeOnKick) this.wake = () => waker.abort();
    return sleep(ms, AbortSignal.any([this.signal, waker.signal])).finally(() => (this.wake = undefined));
  }
}
