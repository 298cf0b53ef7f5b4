import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SystemClock } from '../common/clock.js';
import { silentLogger } from '../common/logger.js';
import type { StartedTarget } from '../targets/target.js';
import { tempDirsPerTest } from '../../test/fixtures/temp-dirs.js';
import { IntegrityLedger } from './integrity-ledger.js';
import { integritySchema } from './integrity-schema.js';
import { ledgerDrivers } from './registry.js';

// The engine imports a drill's driver before the run (loadDrillPlugins); so do these tests.
await ledgerDrivers.exec.load();

const tempDir = tempDirsPerTest();

/**
 * Writes land in `primary`; the replica the reads go through copies it 300 ms after writing stops,
 * as a replica that rejoins and catches up would, or (`catchUp: 'after the read'`) only once the
 * read back is over: on a busy machine the read's `cat` can take longer than 300 ms to spawn, so a
 * test of reading before the catch-up must not race it.
 */
async function ledgerOverLaggingReplica(readAfter: string, catchUp: '300ms' | 'after the read') {
  const dir = tempDir('read-after');
  writeFileSync(join(dir, 'replica'), '');
  const config = integritySchema.parse({
    driver: 'exec',
    rate: '50/s',
    read_after: readAfter,
    read_timeout: '2s',
    write: 'echo ${id} >> primary',
    read: 'cat replica',
  });
  const ledger = new IntegrityLedger(config, {
    clock: new SystemClock(),
    logger: silentLogger,
    baseDir: dir,
    runId: 'r',
    target: {} as StartedTarget,
  });
  await ledger.start(new AbortController().signal);
  // Until a few writes are acknowledged, however long a busy machine takes to spawn their shells.
  await vi.waitFor(
    () => expect(ledger.writes.filter((w) => w.ackedAt !== undefined).length).toBeGreaterThan(3),
    { timeout: 15_000, interval: 20 },
  );
  await ledger.stopWriting();
  const copy = () => copyFileSync(join(dir, 'primary'), join(dir, 'replica'));
  // Timers fire in deadline order: a 300 ms catch-up always lands before an 800 ms read_after ends.
  const caughtUp =
    catchUp === '300ms' ? new Promise<void>((resolve) => setTimeout(() => resolve(copy()), 300)) : undefined;
  await ledger.readBack(new AbortController().signal);
  await caughtUp;
  if (!caughtUp) copy();
  return ledger.report();
}

// The waits below have generous deadlines for a busy machine; the tests get room for them.
const BUSY_MACHINE_TIMEOUT_MS = 30_000;

describe('integrity read_after', { timeout: BUSY_MACHINE_TIMEOUT_MS }, () => {
  it('reads at once by default: writes the replica has not caught up with count as lost', async () => {
    const report = await ledgerOverLaggingReplica('0s', 'after the read');
    expect(report.acknowledged).toBeGreaterThan(3);
    expect(report.lost).toBe(report.acknowledged);
  });

  it('waits before reading back, so a replica that catches up meanwhile loses nothing', async () => {
    const report = await ledgerOverLaggingReplica('800ms', '300ms');
    expect(report.acknowledged).toBeGreaterThan(3);
    expect(report.lost).toBe(0);
  });
});
