import { randomBytes } from 'node:crypto';
import type { UndoStep } from '../../engine/undo.js';
import type { TargetNode } from '../../targets/target.js';
import type { Fault, FaultContext, FaultEffect } from '../injector.js';
import { containerPidFile, killHogsCommand, type HogKind } from './container-hogs.js';
import { hostPidFile } from './host-hogs.js';
import { isContainer } from './node-shell.js';

/** Where a hog runs and the pid file that names its processes. */
export interface HogSite {
  node: TargetNode;
  pidFile: string;
  context: FaultContext;
}

export interface HogSpec {
  kind: HogKind;
  node: string;
  /** "memory hog", "CPU workers": for undo descriptions. */
  what: string;
  /** Starts the hog inside the container through exec and verifies it; resolves with the effect. */
  inContainer(site: HogSite): Promise<FaultEffect>;
  /** Starts it on the host (process targets) and verifies it. */
  onHost(site: HogSite): Promise<FaultEffect>;
}

/**
 * A fault that runs processes next to a node until reverted (memory, cpu). Its undo names a pid file
 * (in the container, or on the host) before any process exists; each process adds itself to it.
 */
export function hogFault(spec: HogSpec): Fault {
  let site: HogSite | undefined;
  return {
    async prepare(context): Promise<UndoStep[]> {
      const node = context.target.node(spec.node);
      const token = randomBytes(4).toString('hex');
      if (isContainer(node)) {
        site = { node, context, pidFile: containerPidFile(spec.kind, token) };
        return [
          {
            action: 'exec',
            ref: node.ref(),
            command: killHogsCommand(site.pidFile),
            description: `stop the ${spec.what} in ${node.name}`,
          },
        ];
      }
      site = { node, context, pidFile: hostPidFile(context.runId, spec.kind, token) };
      return [
        {
          action: 'process.kill',
          pidFile: site.pidFile,
          description: `stop the ${spec.what} for ${node.name}`,
        },
      ];
    },
    async inject(context): Promise<FaultEffect> {
      if (!site) throw new Error(`${spec.kind} fault: inject() before prepare()`);
      site.context = context;
      return isContainer(site.node) ? spec.inContainer(site) : spec.onHost(site);
    },
  };
}
