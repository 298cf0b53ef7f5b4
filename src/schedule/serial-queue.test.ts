import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue.js';

/** Work that ends when the test says so, or rejects on abort. */
function gated() {
  const log: string[] = [];
  const gates = new Map<string, () => void>();
  const queue = new SerialQueue<{ key: string; id: string }>(
    (item, signal) =>
      new Promise<void>((resolve, reject) => {
        log.push(`start ${item.id}`);
        gates.set(item.id, () => {
          log.push(`end ${item.id}`);
          resolve();
        });
        signal.addEventListener('abort', () => {
          log.push(`abort ${item.id}`);
          reject(signal.reason);
        });
      }),
    (item, error) => log.push(`error ${item.id}: ${String(error)}`),
  );
  return { queue, log, open: (id: string) => gates.get(id)!() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SerialQueue', () => {
  it('runs one item at a time in arrival order, and skips a key already waiting', async () => {
    const { queue, log, open } = gated();
    expect(queue.enqueue({ key: 'a', id: 'a1' })).toBe('started');
    expect(queue.enqueue({ key: 'b', id: 'b1' })).toBe('queued');
    expect(queue.enqueue({ key: 'a', id: 'a2' })).toBe('queued'); // a runs: it may wait once more
    expect(queue.enqueue({ key: 'b', id: 'b2' })).toBe('already-waiting');
    expect(queue.waiting.map((i) => i.id)).toEqual(['b1', 'a2']);
    open('a1');
    await tick();
    open('b1');
    await tick();
    open('a2');
    await queue.idle();
    expect(log).toEqual(['start a1', 'end a1', 'start b1', 'end b1', 'start a2', 'end a2']);
  });

  it('close drops what waits, aborts what runs, waits for it, and takes nothing more', async () => {
    const { queue, log } = gated();
    queue.enqueue({ key: 'a', id: 'a1' });
    queue.enqueue({ key: 'b', id: 'b1' });
    const dropped = await queue.close('stop');
    expect(dropped.map((i) => i.id)).toEqual(['b1']);
    expect(log).toEqual(['start a1', 'abort a1', 'error a1: stop']);
    expect(queue.enqueue({ key: 'c', id: 'c1' })).toBe('closed');
    expect(queue.running).toBeUndefined();
    await queue.idle();
  });
});
