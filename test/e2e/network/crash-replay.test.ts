import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { dockerClient } from '../../../src/common/docker.js';
import { offlineNodeControl } from '../../../src/engine/offline-node-control.js';
import type { RunState } from '../../../src/engine/state-file.js';
import { runUndoStep } from '../../../src/engine/undo-executor.js';
import { runInNetns } from '../../../src/targets/docker/netns-sidecar.js';
import { describeWithDocker } from '../support/docker.js';
import { leftoversOf, startDrillFixture } from '../docker/drill-cli.js';
import { runDirOf, waitFor } from '../engine/run-cli.js';

/** The run's state once both faults are injected (their undo is on disk before each is applied). */
const readState = (cwd: string): RunState | undefined => {
  const events = readFileSync(
    join(runDirOf(join(cwd, 'reports'), 'network-partition-hold'), 'events.ndjson'),
    'utf8',
  );
  if (events.split('"fault.injected"').length - 1 < 2) return undefined;
  const root = join(cwd, '.firedrill/runs');
  const [runId] = readdirSync(root);
  return JSON.parse(readFileSync(join(root, runId!, 'state.json'), 'utf8')) as RunState;
};

describeWithDocker('after firedrill is SIGKILLed mid-drill', () => {
  it('the undo steps in its state file remove the partition rules and the toxic, as data', async () => {
    const drill = startDrillFixture('network-partition-hold.yaml');
    const state = await waitFor('both faults in place', () => readState(drill.cwd), 90_000);
    drill.child.kill('SIGKILL');
    await drill.exited;

    const node = state.pending.flatMap((p) => p.steps).find((s) => s.action === 'netns.exec')!;
    const ref = node.ref as { id: string };
    const rules = async () =>
      (await runInNetns({ containerId: ref.id, runId: state.runId, command: ['iptables', '-S'] })).stdout;
    const toxic = state.pending.flatMap((p) => p.steps).find((s) => s.action === 'toxic.remove')!;
    const toxics = async () =>
      toxic.action === 'toxic.remove'
        ? ((await (await fetch(`${toxic.toxiproxyUrl}/proxies/${toxic.proxy}/toxics`)).json()) as unknown[])
        : [];
    expect(await rules()).toMatch(/-A INPUT -j FD-/);
    expect(await toxics()).toHaveLength(1);

    // What `firedrill cleanup` does with a dead run: most recent fault first, without the live target.
    for (const entry of [...state.pending].reverse())
      for (const step of [...entry.steps].reverse()) await runUndoStep(step, { offline: offlineNodeControl });
    expect(await rules()).not.toMatch(/FD-/);
    expect(await toxics()).toEqual([]);

    // Then its resources, as recorded: containers (nodes and Toxiproxy) and the network.
    const docker = dockerClient();
    for (const resource of [...state.resources].reverse()) {
      if (resource.kind === 'container') await docker.getContainer(resource.id).remove({ force: true });
      if (resource.kind === 'network') await docker.getNetwork(resource.id).remove();
    }
    expect(state.resources.map((r) => r.kind).sort()).toEqual([
      'container',
      'container',
      'container',
      'network',
    ]);
    expect(await leftoversOf(state.runId)).toEqual({ containers: 0, networks: 0 });
  });
});
