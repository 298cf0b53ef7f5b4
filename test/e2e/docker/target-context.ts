import { SystemClock } from '../../../src/common/clock.js';
import { silentLogger } from '../../../src/common/logger.js';
import type { Resource, TargetContext } from '../../../src/targets/target.js';
import { testRunId } from '../support/run-labels.js';

/** A TargetContext for starting targets directly in tests; resources are collected, not persisted. */
export function targetContext(runId: string = testRunId): TargetContext & { resources: Resource[] } {
  const resources: Resource[] = [];
  return {
    runId,
    baseDir: process.cwd(),
    clock: new SystemClock(),
    logger: silentLogger,
    signal: new AbortController().signal,
    resources,
    recordResource: async (resource) => {
      resources.push(resource);
    },
  };
}

/** Containers and networks labelled with the run, still there. */
export async function labelledLeftovers(
  runId: string = testRunId,
): Promise<{ containers: number; networks: number }> {
  const { dockerClient, RUN_LABEL } = await import('../../../src/common/docker.js');
  const docker = dockerClient();
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
  const containers = await docker.listContainers({ all: true, filters });
  const networks = await docker.listNetworks({ filters });
  return { containers: containers.length, networks: networks.length };
}
