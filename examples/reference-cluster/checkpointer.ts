import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { readCheckpoint, writeCheckpoint, type Decoded } from './checkpoint.js';
import type { ClusterNode } from './cluster-node.js';
import type { Snapshot } from './store.js';

export interface CheckpointStatus {
  /** none: never written yet; corrupt: found corrupt, being restored; restored: restored since. */
  state: 'none' | 'ok' | 'corrupt' | 'restored';
  corruptions: number;
  /** What was wrong with the file, the last time it was found corrupt. */
  problem?: string;
  restoredFrom?: string;
  /** Log position of the last checkpoint written or loaded. */
  seq?: number;
}

/**
 * The node's checkpoint file: loaded at start, verified and rewritten every interval. A corrupt
 * checkpoint (at start, or found corrupt on disk later) is not trusted: the node serves nothing
 * (`restoring`) until it fetched the state from the leader, then writes a fresh checkpoint. The
 * leader itself rewrites it from memory (it is the source the others restore from).
 */
export class Checkpointer {
  readonly path: string;
  status: CheckpointStatus = { state: 'none', corruptions: 0 };
  /** Checksum of the file as last written (or loaded): anything else on disk is corruption. */
  private checksum: string | undefined;
  private writtenVersion = -1;
  /** File operations one at a time: a verify must never read a write in progress. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly node: ClusterNode) {
    this.path = join(node.config.dataDir, 'checkpoint.json');
  }

  async load(): Promise<void> {
    const node = this.node;
    const found = await readCheckpoint(this.path);
    if (found === 'missing') {
      node.log(`no checkpoint at ${this.path}: starting empty`);
      return;
    }
    if (found.ok && found.body.peers?.join(',') !== this.peers().join(',')) {
      node.log(
        `checkpoint at ${this.path} belongs to another cluster (peers ${found.body.peers}): starting empty`,
      );
      return;
    }
    const problem = found.ok
      ? found.body.node === node.id
        ? undefined
        : `written by node ${found.body.node}`
      : found.problem;
    if (found.ok && problem === undefined) {
      node.store.install(found.body.snapshot);
      node.view = { term: found.body.term };
      this.checksum = found.checksum;
      this.writtenVersion = node.store.version;
      this.status = { state: 'ok', corruptions: 0, seq: node.store.position.seq };
      node.log(
        `checkpoint loaded (seq ${node.store.position.seq}, ${node.store.size} keys, term ${found.body.term})`,
      );
      return;
    }
    this.corrupt(`checkpoint corrupt at start: ${problem}`);
    node.restoring = true;
    node.log('starting empty; restoring the state from a peer');
  }

  /** One round: verify the file on disk, restore when needed, write when the state changed. */
  async tick(): Promise<void> {
    const node = this.node;
    if (node.quarantined) return;
    await this.serially(() => this.verify());
    if (node.restoring) await this.pullFromLeader();
    else if (node.store.version !== this.writtenVersion) await this.writeNow();
  }

  writeNow(): Promise<void> {
    return this.serially(() => this.write());
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(): Promise<void> {
    const node = this.node;
    // Never replace a checkpoint unchecked: a corruption since the last round would go unseen.
    await this.verify();
    if (node.restoring) return;
    const version = node.store.version;
    const snapshot = node.store.snapshot();
    const expected = this.checksum;
    const { checksum, replaced } = await writeCheckpoint(this.path, {
      node: node.id,
      peers: this.peers(),
      term: node.view.term,
      snapshot,
    });
    this.checksum = checksum;
    this.writtenVersion = version;
    this.status = { ...this.status, seq: snapshot.position.seq };
    if (this.status.state === 'none') this.status.state = 'ok';
    // The verify above and the rename are not one step: a corruption in between is seen here.
    if (expected !== undefined) this.check(replaced, expected);
  }

  /** The state came back from `source`: serve again and write a fresh checkpoint. */
  restored(source: string): void {
    const node = this.node;
    node.restoring = false;
    this.status = { ...this.status, state: 'restored', restoredFrom: source };
    node.log(`state restored from ${source} (seq ${node.store.position.seq}, ${node.store.size} keys)`);
    void this.writeNow().catch((error: Error) => node.log(`writing the checkpoint failed: ${error.message}`));
  }

  /** A quarantined node's state is not trusted: keep the file aside for forensics, start fresh next time. */
  async discard(): Promise<void> {
    await rename(this.path, `${this.path}.quarantined`).catch(() => undefined);
  }

  private peers(): string[] {
    return this.node.config.peers.map((p) => `${p.id}=${p.url}`).sort();
  }

  private async verify(): Promise<void> {
    if (this.checksum === undefined) return;
    this.check(await readCheckpoint(this.path), this.checksum);
  }

  /** Compares what the file held with what this node wrote; anything else is corruption. */
  private check(found: Decoded | 'missing', expected: string): void {
    let problem: string | undefined;
    if (found === 'missing') problem = 'the file is gone';
    else if (!found.ok) problem = found.problem;
    else if (found.checksum !== expected) problem = 'the file is not the one this node wrote';
    if (problem === undefined) return;
    this.checksum = undefined;
    this.corrupt(`checkpoint corrupt on disk: ${problem}`);
    if (this.node.isLeader()) {
      this.node.log('this node leads: rewriting the checkpoint from memory');
      this.restored('memory');
      return;
    }
    this.node.restoring = true;
    this.node.log('restoring the state from the leader');
  }

  private corrupt(line: string): void {
    this.node.log(line);
    const problem = line.slice(line.indexOf(': ') + 2);
    this.status = { ...this.status, state: 'corrupt', corruptions: this.status.corruptions + 1, problem };
  }

  private async pullFromLeader(): Promise<void> {
    const node = this.node;
    const leader = node.view.leader;
    // A restoring node that leads is restored by its catch-up (see leadership.ts).
    if (leader === undefined || leader === node.id) return;
    const reply = await node.peers
      .get<Snapshot>(leader, '/internal/snapshot', node.config.heartbeatTimeoutMs)
      .catch(() => undefined);
    if (reply?.status !== 200 || !node.restoring) return;
    node.store.install(reply.body);
    this.restored(leader);
  }
}
