import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { offlineNodeControl } from '../../../src/engine/offline-node-control.js';
import type { RunState } from '../../../src/engine/state-file.js';
import { runUndoStep } from '../../../src/engine/undo-executor.js';
import { isRecordedAlive, readPidFile } from '../../../src/injectors/resource/host-pid-file.js';
import { terminateProcessGroup } from '../../../src/targets/process/process-signal.js';
import { startDrillFixture } from '../docker/drill-cli.js';
import { runDirOf, waitFor } from '../engine/run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'firedrill-fault-hold-'));
const CONF = 'pool=10\nmode=sync\n';
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The run's state once all four faults are injected (each undo was on disk before its fault). */
function readState(cwd: string): RunState | undefined {
  const events = readFileSync(
    join(runDirOf(join(cwd, 'reports'), 'fault-process-hold'), 'events.ndjson'),
    'utf8',
  );
  if (events.split('"fault.injected"').length - 1 < 4) return undefined;
  const runs = join(cwd, '.firedrill/runs');
  const [runId] = readdirSync(runs);
  return JSON.parse(readFileSync(join(runs, runId!, 'state.json'), 'utf8')) as RunState;
}

describe('process-target resource faults after firedrill is SIGKILLed mid-drill', () => {
  it('the undo steps on disk end the hogs, delete the fill file and restore the config, as data', async () => {
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'app.conf'), CONF);
    process.env.FIREDRILL_FAULT_DIR = root;
    const drill = startDrillFixture('fault-process-hold.yaml');
    const state = await waitFor('all faults in place', () => readState(drill.cwd), 90_000);
    drill.child.kill('SIGKILL');
    await drill.exited;

    const steps = state.pending.flatMap((p) => p.steps);
    const hogs = steps.flatMap((s) => (s.action === 'process.kill' ? readPidFile(s.pidFile) : []));
    expect(hogs).toHaveLength(2); // the memory hog and one CPU worker
    for (const hog of hogs) expect(await isRecordedAlive(hog)).toBe(true);
    const [fill] = readdirSync(join(root, 'data'));
    expect(fill).toMatch(/^firedrill-fill-[0-9a-f]{8}$/);
    expect(readFileSync(join(root, 'app.conf'), 'utf8')).toBe('pool=1\nmode=sync\n');

    // What `firedrill cleanup` does with a dead run: most recent fault first, without the live target.
    for (const entry of [...state.pending].reverse())
      for (const step of [...entry.steps].reverse()) await runUndoStep(step, { offline: offlineNodeControl });
    for (const hog of hogs) expect(await isRecordedAlive(hog)).toBe(false);
    expect(readdirSync(join(root, 'data'))).toEqual([]);
    expect(readFileSync(join(root, 'app.conf'), 'utf8')).toBe(CONF);
    for (const step of steps) {
      if (step.action === 'process.kill') expect(existsSync(step.pidFile)).toBe(false);
      if (step.action === 'file.restore') expect(existsSync(step.backup)).toBe(false);
    }
    // And its resources: the supervised node.
    for (const resource of state.resources)
      if (resource.kind === 'process') await terminateProcessGroup(resource, { graceMs: 1000 });
  });
});
