import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortOnSignals } from './signals.js';

afterEach(() => vi.restoreAllMocks());

/** As the process delivers a signal: the listener gets its name. */
const deliver = (name: NodeJS.Signals) =>
  (process.emit as (event: string, ...args: unknown[]) => boolean)(name, name);

describe('abortOnSignals', () => {
  it('first signal aborts; the second forces (revert, then exit 3); a third exits 3 at once', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const exits: number[] = [];
    let forced = 0;
    let release!: () => void;
    const handling = abortOnSignals(
      () => {
        forced++;
        return new Promise<void>((done) => (release = done));
      },
      (code) => exits.push(code),
    );
    try {
      deliver('SIGINT');
      expect(handling.signal.aborted).toBe(true);
      expect(String(handling.signal.reason.message)).toBe('interrupted by SIGINT');
      expect(exits).toEqual([]);
      deliver('SIGTERM');
      expect(forced).toBe(1);
      expect(exits).toEqual([]); // still reverting
      deliver('SIGINT');
      expect(exits).toEqual([3]);
      release();
      await new Promise((r) => setImmediate(r));
      expect(exits).toEqual([3, 3]);
      expect(exits.every((code) => code >= 0 && code <= 3)).toBe(true);
    } finally {
      handling.dispose();
    }
  });
});
