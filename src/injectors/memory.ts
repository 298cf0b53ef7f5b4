import { formatDuration } from '../common/duration.js';
import { defineInjector } from './injector.js';
import { memorySchema } from './memory-schema.js';
import { formatSize } from './resource/amount.js';
import { hogFault } from './resource/hog-fault.js';
import { memoryHogInContainer, memoryHogOnHost } from './resource/memory-hog.js';

/**
 * `memory`: holds memory until reverted. In a container the hog is charged to the container's
 * cgroup (the limit applies, the OOM killer may act); for a process target it is a process on the
 * host, refused when it would leave the host short. Verified by the memory actually resident.
 */
export const memoryInjector = defineInjector({
  schema: memorySchema,
  describe: (config) =>
    `hold ${config.size === undefined ? `${config.percent}% of the memory limit` : `${formatSize(config.size)} of memory`} in ${config.node}` +
    (config.duration === undefined ? ' until the drill ends' : ` for ${formatDuration(config.duration)}`),
  create: (config) =>
    hogFault({
      kind: 'memory',
      node: config.node,
      what: 'memory hog',
      inContainer: (site) => memoryHogInContainer(site, config, config.via),
      onHost: (site) => memoryHogOnHost(site, config),
    }),
});
