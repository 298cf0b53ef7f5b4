/** Failure detection: a peer is up while its heartbeats arrive, down after `timeoutMs` of silence. */

export type PeerState = 'up' | 'down';

export interface Transition {
  peer: string;
  to: PeerState;
  /** Silence when it went down (ms); undefined when it was never heard. */
  silentMs?: number;
}

export class Membership {
  private readonly lastHeard = new Map<string, number>();
  private readonly states = new Map<string, PeerState>();

  constructor(
    readonly peers: readonly string[],
    private readonly timeoutMs: number,
  ) {
    for (const peer of peers) this.states.set(peer, 'down');
  }

  heard(peer: string, now: number): void {
    if (this.states.has(peer)) this.lastHeard.set(peer, now);
  }

  /** Re-judges every peer; returns what changed since the last call. */
  update(now: number): Transition[] {
    const changes: Transition[] = [];
    for (const peer of this.peers) {
      const heardAt = this.lastHeard.get(peer);
      const next: PeerState = heardAt !== undefined && now - heardAt <= this.timeoutMs ? 'up' : 'down';
      if (next === this.states.get(peer)) continue;
      this.states.set(peer, next);
      changes.push(
        next === 'down' && heardAt !== undefined
          ? { peer, to: next, silentMs: now - heardAt }
          : { peer, to: next },
      );
    }
    return changes;
  }

  state(peer: string): PeerState {
    return this.states.get(peer) ?? 'down';
  }

  up(): string[] {
    return this.peers.filter((peer) => this.states.get(peer) === 'up');
  }

  down(): string[] {
    return this.peers.filter((peer) => this.states.get(peer) !== 'up');
  }

  everyPeerHeard(): boolean {
    return this.peers.every((peer) => this.lastHeard.has(peer));
  }

  /** ms since the peer was last heard, or undefined when never. */
  silence(peer: string, now: number): number | undefined {
    const heardAt = this.lastHeard.get(peer);
    return heardAt === undefined ? undefined : now - heardAt;
  }
}
