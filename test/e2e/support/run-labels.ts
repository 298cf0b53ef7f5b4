import { randomBytes } from 'node:crypto';
import { RUN_LABEL, dockerClient, runLabels as firedrillRunLabels } from '../../../src/common/docker.js';

/**
 * The id labelling everything this test file creates (`firedrill.run=<id>`), so leftovers of a
 * crashed run are findable: `docker ps -a --filter label=firedrill.run=<id>`. Unique per file, so
 * one file's cleanup never touches another's containers; FIREDRILL_TEST_RUN_ID (set by .ci/run)
 * becomes its prefix, tying a CI run's leftovers together.
 */
export const testRunId = `${process.env.FIREDRILL_TEST_RUN_ID ?? 'e2e'}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/** The labels firedrill itself puts on what a run creates (run id and owning process). */
export function runLabels(runId: string = testRunId): Record<string, string> {
  return firedrillRunLabels(runId);
}

/** Removes every container and network labelled with the run id; returns how many of each. */
export async function removeRunLeftovers(
  runId: string = testRunId,
): Promise<{ containers: number; networks: number }> {
  const docker = dockerClient();
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
  const networks = await docker.listNetworks({ filters });
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove()));
  return { containers: containers.length, networks: networks.length };
}
