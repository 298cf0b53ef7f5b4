import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { z } from 'zod';
import { formatDuration } from '../common/duration.js';
import { TargetError } from '../common/errors.js';
import type { UndoStep } from '../engine/undo.js';
import { ProcessNode } from '../targets/process/process-node.js';
import { defineInjector, type Fault, type FaultEffect } from './injector.js';
import { diskFillSchema } from './disk-fill-schema.js';
import { formatSize } from './resource/amount.js';
import { fillInContainer, fillOnHost, type FillSite } from './resource/disk-fill-effect.js';
import { realPath } from './resource/host-fill.js';
import { isContainer } from './resource/node-shell.js';

type Config = z.output<typeof diskFillSchema>;

/**
 * `disk-fill`: writes one fill file (fallocate, else zeros) until reverted, which deletes it.
 * Filesystems on the host's disk (process targets, a container's overlay root and volumes) keep a
 * safety margin of free space; a container's tmpfs can be filled completely.
 */
export const diskFillInjector = defineInjector({
  schema: diskFillSchema,
  describe: (config) =>
    `fill ${config.path} in ${config.node} ${config.size === undefined ? `until ${config.percent}% full` : `with ${formatSize(config.size)}`}` +
    (config.duration === undefined ? ' until the drill ends' : ` for ${formatDuration(config.duration)}`),
  create: (config) => diskFill(config),
});

function diskFill(config: Config): Fault {
  let site: FillSite | undefined;
  return {
    async prepare(context): Promise<UndoStep[]> {
      const node = context.target.node(config.node);
      const name = `firedrill-fill-${randomBytes(4).toString('hex')}`;
      if (isContainer(node)) {
        site = { node, context, dir: config.path, file: posix.join(config.path, name) };
        return [
          {
            action: 'exec',
            ref: node.ref(),
            command: ['rm', '-f', site.file],
            description: `delete the fill file ${site.file} in ${node.name}`,
          },
        ];
      }
      const dir = realPath(config.path, context.baseDir);
      site = { node, context, dir, file: posix.join(dir, name) };
      return [{ action: 'file.remove', path: site.file, description: `delete the fill file ${site.file}` }];
    },
    async inject(context): Promise<FaultEffect> {
      if (!site) throw new Error('disk-fill: inject() before prepare()');
      site.context = context;
      if (isContainer(site.node)) return fillInContainer(site, config);
      const { node } = site;
      if (!(node instanceof ProcessNode))
        throw new TargetError(`disk-fill: node ${node.name} is neither a container nor a local process`);
      return fillOnHost({ ...site, node }, config);
    },
  };
}
