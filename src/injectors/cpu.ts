import { formatDuration } from '../common/duration.js';
import { defineInjector } from './injector.js';
import { cpuSchema } from './cpu-schema.js';
import { cpuWorkersInContainer, cpuWorkersOnHost, describeWorkers } from './resource/cpu-workers.js';
import { hogFault } from './resource/hog-fault.js';

/**
 * `cpu`: busy workers until reverted: shell loops inside the container (throttled by SIGSTOP /
 * SIGCONT below 100%), or Node processes on the host for process targets. Verified by the CPU time
 * each worker uses right after it starts.
 */
export const cpuInjector = defineInjector({
  schema: cpuSchema,
  describe: (config) =>
    `load the CPU of ${config.node} with ${describeWorkers(config)}` +
    (config.duration === undefined ? ' until the drill ends' : ` for ${formatDuration(config.duration)}`),
  create: (config) =>
    hogFault({
      kind: 'cpu',
      node: config.node,
      what: 'CPU workers',
      inContainer: (site) => cpuWorkersInContainer(site, config),
      onHost: (site) => cpuWorkersOnHost(site, config),
    }),
});
