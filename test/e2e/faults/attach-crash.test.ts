import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dockerClient } from '../../../src/common/docker.js';
import { images } from '../../../src/common/images.js';
import { offlineNodeControl } from '../../../src/engine/offline-node-control.js';
import type { RunState } from '../../../src/engine/state-file.js';
import { runUndoStep } from '../../../src/engine/undo-executor.js';
import { startDrillFixture } from '../docker/drill-cli.js';
import { runDirOf, waitFor } from '../engine/run-cli.js';
import { describeWithDocker } from '../support/docker.js';
import { testRunId } from '../support/run-labels.js';
import { dockerExec, listing, processes } from './container-view.js';

// Not firedrill.run: a container a user attaches to is theirs; firedrill's sweeps must not take it.
const TEST_LABEL = 'firedrill.test';
const CONF = 'pool=10\nmode=sync\n';

function readState(cwd: string): RunState | undefined {
  const events = readFileSync(
    join(runDirOf(join(cwd, 'reports'), 'fault-attach-hold'), 'events.ndjson'),
    'utf8',
  );
  if (events.split('"fault.injected"').length - 1 < 4) return undefined;
  const runs = join(cwd, '.firedrill/runs');
  const [runId] = readdirSync(runs);
  return JSON.parse(readFileSync(join(runs, runId!, 'state.json'), 'utf8')) as RunState;
}

describeWithDocker('faults in an attached container after firedrill is SIGKILLed mid-drill', () => {
  const name = `firedrill-attach-${testRunId}`;
  let id = '';

  beforeAll(async () => {
    const docker = dockerClient();
    const container = await docker.createContainer({
      Image: images.httpEcho,
      name,
      Labels: { [TEST_LABEL]: testRunId },
      HostConfig: { Memory: 128 * 1024 ** 2, Tmpfs: { '/data': 'size=32m' } },
    });
    await container.start();
    id = container.id;
    await dockerExec(id, `printf '${CONF.replace(/\n/g, '\\n')}' > /etc/app.conf`);
  });

  afterAll(async () => {
    const docker = dockerClient();
    await docker
      .getContainer(id)
      .remove({ force: true })
      .catch(() => undefined);
    const filters = JSON.stringify({ label: [`${TEST_LABEL}=${testRunId}`] });
    expect(await docker.listContainers({ all: true, filters })).toEqual([]);
  });

  it('the undo steps on disk, run as data through docker exec, leave the container as it was', async () => {
    const before = { processes: await processes(id), tmp: await listing(id, '/tmp') };
    process.env.FIREDRILL_FAULT_CONTAINER = name;
    const drill = startDrillFixture('fault-attach-hold.yaml');
    const state = await waitFor('all faults in place', () => readState(drill.cwd), 90_000);
    drill.child.kill('SIGKILL');
    await drill.exited;

    expect((await listing(id, '/data'))[0]).toMatch(/^firedrill-fill-[0-9a-f]{8}$/);
    expect(await dockerExec(id, 'cat /etc/app.conf')).toBe('pool=1\nmode=sync\n');
    const during = await processes(id);
    expect(during.filter((p) => p.includes('firedrill-memory-hog'))).toHaveLength(1);
    expect(during.filter((p) => p.includes('firedrill-cpu-worker'))).toHaveLength(1);
    expect(state.resources).toEqual([]); // attached: nothing of the target is firedrill's to remove

    // What `firedrill cleanup` does with a dead run, most recent fault first, without the live target.
    for (const entry of [...state.pending].reverse())
      for (const step of [...entry.steps].reverse()) await runUndoStep(step, { offline: offlineNodeControl });
    // Offline execs are detached: give them a moment to finish.
    await expect.poll(() => processes(id), { timeout: 5000 }).toEqual(before.processes);
    await expect.poll(() => listing(id, '/data')).toEqual([]);
    expect(await listing(id, '/tmp')).toEqual(before.tmp);
    expect(await dockerExec(id, 'cat /etc/app.conf')).toBe(CONF);
  });
});
