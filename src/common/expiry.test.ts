import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expiry, SystemClock } from './clock.js';

describe('expiry', () => {
  it('a reply that arrived while the event loop stalled wins over a timeout that fell due meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-expiry-'));
    const written = join(dir, 'written');
    try {
      // The reply comes from another process: it reaches the pipe while this one is stalled.
      const child = spawn('sh', ['-c', `echo pong; : > '${written}'`], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const reply = new Promise<string>((resolve) => child.stdout.once('data', () => resolve('reply')));
      const started = performance.now();
      const timedOut = expiry(new SystemClock(), 100).then(() => 'timeout');
      // A busy machine: no turn of the loop until the reply is in the pipe and the timeout is due.
      while (!existsSync(written) || performance.now() - started < 150) {
        if (performance.now() - started > 20_000) throw new Error('the child never wrote its reply');
      }
      expect(await Promise.race([reply, timedOut])).toBe('reply');
      await timedOut;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects with the signal’s reason when aborted before it falls due', async () => {
    const controller = new AbortController();
    const pending = expiry(new SystemClock(), 10_000, controller.signal);
    controller.abort(new Error('drill stopped'));
    await expect(pending).rejects.toThrow('drill stopped');
  });
});
