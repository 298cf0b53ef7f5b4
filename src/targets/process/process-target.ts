import { join } from 'node:path';
import { TargetError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { StartedTarget, TargetContext, TargetFactory, TemplateValues } from '../target.js';
import { NodeOutput } from './node-output.js';
import { allocatePorts, nodeTemplateValues, resolveNodeSpec, type PortTable } from './node-spec.js';
import { ProcessNode } from './process-node.js';
import { processTargetSchema, type ProcessTargetConfig } from './process-schema.js';
import { NodeSupervisor } from './supervisor.js';

/** `type: process`: local processes under firedrill's own supervisor; needs nothing but Node. */
export const processTarget = {
  schema: processTargetSchema,
  start: startProcessTarget,
} satisfies TargetFactory<typeof processTargetSchema>;

interface Member {
  node: ProcessNode;
  supervisor: NodeSupervisor;
  output: NodeOutput;
}

export class StartedProcessTarget implements StartedTarget {
  readonly nodes = new Map<string, ProcessNode>();
  private readonly members: Member[] = [];
  /** Bounds the ready waits of node starts; aborted when the target stops. */
  private readonly lifetime = new AbortController();
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly ports: PortTable,
    private readonly logger: Logger,
  ) {}

  node(name: string): ProcessNode {
    const node = this.nodes.get(name);
    if (!node) {
      throw new TargetError(`no node "${name}" in the process target`, {
        hint: `nodes: ${[...this.nodes.keys()].join(', ')}`,
      });
    }
    return node;
  }

  templateValues(): TemplateValues {
    return nodeTemplateValues(this.ports);
  }

  /** Stops every node (SIGTERM, then SIGKILL after its stop_timeout); `keep` leaves them running. */
  stop(options: { keep?: boolean } = {}): Promise<void> {
    this.stopped ??= this.stopAll(options.keep ?? false);
    return this.stopped;
  }

  add(member: Member): void {
    this.members.push(member);
    this.nodes.set(member.node.name, member.node);
  }

  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  private async stopAll(keep: boolean): Promise<void> {
    this.lifetime.abort(new TargetError('the process target was stopped'));
    if (keep) {
      for (const { supervisor } of this.members) {
        const proc = supervisor.alive;
        if (proc) this.logger.warn({ pid: proc.pid }, `left ${supervisor.spec.name} running (--keep)`);
        supervisor.detach();
      }
      await Promise.all(this.members.map(({ output }) => output.close()));
      return;
    }
    const results = await Promise.allSettled(this.members.map(({ supervisor }) => supervisor.stop()));
    await Promise.all(this.members.map(({ output }) => output.close()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

async function startProcessTarget(
  config: ProcessTargetConfig,
  context: TargetContext,
): Promise<StartedProcessTarget> {
  const ports = await allocatePorts(config);
  const target = new StartedProcessTarget(ports, context.logger);
  const signal = AbortSignal.any([context.signal, target.signal]);
  const presets: TemplateValues = { ...context.templateValues };
  const names = Object.keys(config.nodes);
  try {
    // One at a time, each ready before the next: later nodes may depend on earlier ones.
    for (const name of context.links?.order(names) ?? names) {
      // The proxies listen before a node that names a link starts (it may connect at once).
      if (context.links?.needsLinks(name)) {
        const values = { ...presets, ...nodeTemplateValues(ports) };
        Object.assign(presets, await context.links.open({ values }));
      }
      const member = createMember(name, config.nodes[name]!, { ports, presets, context, target });
      target.add(member);
      await member.supervisor.start(signal);
    }
  } catch (error) {
    await target.stop().catch(() => undefined);
    throw error;
  }
  return target;
}

function createMember(
  name: string,
  nodeConfig: ProcessTargetConfig['nodes'][string],
  start: { ports: PortTable; presets: TemplateValues; context: TargetContext; target: StartedProcessTarget },
): Member {
  const { ports, presets, context, target } = start;
  const spec = resolveNodeSpec(name, nodeConfig, ports, context.baseDir, presets);
  const output = new NodeOutput(context.clock, context.logDir && join(context.logDir, `${name}.log`));
  const supervisor = new NodeSupervisor(spec, {
    clock: context.clock,
    logger: context.logger.child({ node: name }),
    output,
    recordResource: (resource) => context.recordResource(resource),
  });
  return { node: new ProcessNode(supervisor, output, context.clock, target.signal), supervisor, output };
}
