import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxWritesInFlight } from '../integrity/ledger-writer.js';

const ROOT = join(import.meta.dirname, '../..');

/** Runs the high-rate fixture in its own process: a loop that never yields would hang it. */
function highRate(kind: 'load' | 'ledger'): Record<string, number> {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/fixtures/busy-loops/high-rate.ts'), kind],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' },
  );
  expect(run.signal, `the ${kind} loop never gave the event loop a turn`).toBeNull();
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('fixed-rate loops at an absurd rate yield and stay bounded', () => {
  it('built-in load: serves timers, drops what max_in_flight cannot take', () => {
    // 300ms at most 5 open, each failing after 200ms: 5 sent, then at most 5 more.
    const { sent, dropped } = highRate('load');
    expect(sent).toBeGreaterThanOrEqual(5);
    expect(sent).toBeLessThanOrEqual(10);
    expect(dropped).toBeGreaterThan(1000);
  }, 90_000);

  it('ledger writer: serves timers, never opens more than its in-flight bound', () => {
    const { maxOpen, limit, skipped } = highRate('ledger');
    expect(limit).toBe(2000);
    expect(maxOpen).toBeLessThanOrEqual(limit!);
    expect(skipped).toBeGreaterThan(0);
  }, 90_000);

  it('the in-flight bound follows the rate and the timeout, within 64..2000', () => {
    expect(maxWritesInFlight(20, 1000)).toBe(64);
    expect(maxWritesInFlight(500, 1000)).toBe(1000);
    expect(maxWritesInFlight(1e9, 1000)).toBe(2000);
  });
});
