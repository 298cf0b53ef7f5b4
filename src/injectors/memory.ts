import { z } from 'zod';
import { formatDuration } from '../common/duration.js';
import { defineInjector, faultBase } from './injector.js';
import { amountFields, checkAmount, formatSize } from './resource/amount.js';
import { hogFault } from './resource/hog-fault.js';
import { memoryHogInContainer, memoryHogOnHost } from './resource/memory-hog.js';

const schema = faultBase
  .extend({
    type: z.literal('memory'),
    node: z.string().min(1).meta({ description: 'The node whose memory is taken.' }),
    ...amountFields(
      "of the container's memory limit (process targets: of the host's memory)",
      '256m',
      'a memory hog cannot take more than 100% of the limit',
    ),
    via: z.enum(['auto', 'stress-ng', 'shell']).default('auto').meta({
      description:
        'Containers: stress-ng when the image has it (auto), else a POSIX-shell hog (head | tail); default auto.',
    }),
  })
  .superRefine(checkAmount);

/**
 * `memory`: holds memory until reverted. In a container the hog is charged to the container's
 * cgroup (the limit applies, the OOM killer may act); for a process target it is a process on the
 * host, refused when it would leave the host short. Verified by the memory actually resident.
 */
export const memoryInjector = defineInjector({
  schema,
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
