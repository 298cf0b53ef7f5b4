import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../common/clock.js';
import { silentLogger } from '../common/logger.js';
import type { StartedTarget } from '../targets/target.js';
import { tempDirsPerTest } from '../../test/fixtures/temp-dirs.js';
import { IntegrityLedger } from './integrity-ledger.js';
import { integritySchema } from './integrity-schema.js';

const tempDir = tempDirsPerTest();

/**
 * Writes land in `primary`; the replica the reads go through copies it 300 ms after writing stops,
 * as a replica that rejoins and catches up would.
 */
async function ledgerOverLaggingReplica(readAfter: string) {
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
  await new Promise((resolve) => setTimeout(resolve, 200));
  await ledger.stopWriting();
  const caughtUp = new Promise<void>((resolve) =>
    setTimeout(() => resolve(copyFileSync(join(dir, 'primary'), join(dir, 'replica'))), 300),
  );
  await ledger.readBack(new AbortController().signal);
  await caughtUp;
  return ledger.report();
}

describe('integrity read_after', () => {
  it('reads at once by default: writes the replica has not caught up with count as lost', async () => {
    const report = await ledgerOverLaggingReplica('0s');
    expect(report.acknowledged).toBeGreaterThan(3);
    expect(report.lost).toBe(report.acknowledged);
  });

  it('waits before reading back, so a replica that catches up meanwhile loses nothing', async () => {
    const report = await ledgerOverLaggingReplica('800ms');
    expect(report.acknowledged).toBeGreaterThan(3);
    expect(report.lost).toBe(0);
  });
});
