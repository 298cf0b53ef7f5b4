import { z } from 'zod';
import { formatDuration } from '../common/duration.js';
import { defineInjector, faultBase } from './injector.js';
import { cpuWorkersInContainer, cpuWorkersOnHost, describeWorkers } from './resource/cpu-workers.js';
import { hogFault } from './resource/hog-fault.js';

const schema = faultBase.extend({
  type: z.literal('cpu'),
  node: z.string().min(1).meta({ description: 'The node whose CPU is loaded.' }),
  workers: z
    .int({ error: 'expected a whole number of workers' })
    .min(1, { error: 'at least 1 worker' })
    .max(256, { error: 'at most 256 workers' })
    .default(1)
    .meta({ description: 'Busy processes to run (default 1); each can take one core.' }),
  load: z
    .number({ error: 'expected a percentage, e.g. 80' })
    .min(1, { error: 'load is a percentage of one core: 1 to 100' })
    .max(100, { error: 'load is a percentage of one core: 1 to 100' })
    .default(100)
    .meta({ description: 'Percent of one core each worker keeps busy (default 100).' }),
});

/**
 * `cpu`: busy workers until reverted: shell loops inside the container (throttled by SIGSTOP /
 * SIGCONT below 100%), or Node processes on the host for process targets. Verified by the CPU time
 * each worker uses right after it starts.
 */
export const cpuInjector = defineInjector({
  schema,
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
