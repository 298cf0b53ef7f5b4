/** Work the queue runs one at a time; `key` names it for "already waiting". */
export interface QueueItem {
  key: string;
}

export type EnqueueResult = 'started' | 'queued' | 'already-waiting' | 'closed';

/**
 * Runs items one at a time in arrival order (never two drills at once). An item whose key is
 * already waiting is not added again: a tier that comes due twice while another drill runs owes
 * one run, not two. The running item's key may wait once more (it came due again while running).
 */
export class SerialQueue<T extends QueueItem> {
  private readonly pending: T[] = [];
  private current: { item: T; controller: AbortController; done: Promise<void> } | undefined;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly work: (item: T, signal: AbortSignal) => Promise<void>,
    private readonly onError: (item: T, error: unknown) => void = () => undefined,
  ) {}

  enqueue(item: T): EnqueueResult {
    if (this.closed) return 'closed';
    if (this.pending.some((p) => p.key === item.key)) return 'already-waiting';
    this.pending.push(item);
    const started = !this.current;
    this.pump();
    return started ? 'started' : 'queued';
  }

  get running(): T | undefined {
    return this.current?.item;
  }

  get waiting(): readonly T[] {
    return this.pending;
  }

  /** Resolves once nothing runs and nothing waits. */
  idle(): Promise<void> {
    if (!this.current && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Takes no more work, drops what waits (returned), aborts what runs and waits for it to end. */
  async close(reason: unknown): Promise<T[]> {
    this.closed = true;
    const dropped = this.pending.splice(0);
    const current = this.current;
    current?.controller.abort(reason);
    await current?.done;
    return dropped;
  }

  private pump(): void {
    if (this.current || this.closed) return this.settleIdle();
    const item = this.pending.shift();
    if (!item) return this.settleIdle();
    const controller = new AbortController();
    const done = this.work(item, controller.signal)
      .catch((error: unknown) => this.onError(item, error))
      .finally(() => {
        this.current = undefined;
        this.pump();
      });
    this.current = { item, controller, done };
  }

  private settleIdle(): void {
    if (this.current || (this.pending.length > 0 && !this.closed)) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
