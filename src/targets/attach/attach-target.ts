import { join } from 'node:path';
import type Docker from 'dockerode';
import { dockerClient } from '../../common/docker.js';
import { TargetError } from '../../common/errors.js';
import type { StartedTarget, TargetContext, TargetFactory, TemplateValues } from '../target.js';
import { ContainerNode } from '../docker/container-node.js';
import { ContainerOutput } from '../docker/container-output.js';
import { containerTemplateValues } from '../docker/template-values.js';
import { attachTargetSchema, type AttachTargetConfig } from './attach-schema.js';
import { findContainer, publishedPorts, sharedNetwork } from './find-container.js';

/** `type: attach`: containers that already run; firedrill never starts them up or removes them. */
export const attachTarget = {
  schema: attachTargetSchema,
  start: attachToContainers,
} satisfies TargetFactory<typeof attachTargetSchema>;

export class StartedAttachTarget implements StartedTarget {
  readonly nodes = new Map<string, ContainerNode>();
  private readonly lifetime = new AbortController();

  constructor(
    private readonly outputs: ContainerOutput[],
    private readonly aliases: Map<string, string>,
    /** The user-defined network the containers share, when they share one. */
    readonly network: { name: string; id: string } | undefined,
  ) {}

  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  node(name: string): ContainerNode {
    const node = this.nodes.get(name);
    if (!node)
      throw new TargetError(`no node "${name}" in the attach target`, {
        hint: `nodes: ${[...this.nodes.keys()].join(', ')}`,
      });
    return node;
  }

  templateValues(): TemplateValues {
    return containerTemplateValues(
      [...this.nodes.values()].map((node) => ({
        name: node.name,
        ports: node.ports,
        alias: this.aliases.get(node.name)!,
      })),
    );
  }

  /** Stops following the containers' output; the containers themselves are left as they are. */
  async stop(): Promise<void> {
    this.lifetime.abort(new TargetError('the attach target was stopped'));
    await Promise.all(this.outputs.map((output) => output.close()));
  }
}

async function attachToContainers(
  config: AttachTargetConfig,
  context: TargetContext,
): Promise<StartedAttachTarget> {
  const docker: Docker = dockerClient();
  const found = await Promise.all(
    Object.entries(config.nodes).map(async ([name, node]) => ({
      name,
      info: await findContainer(docker, name, node),
    })),
  );
  const outputs: ContainerOutput[] = [];
  const aliases = new Map(found.map(({ name, info }) => [name, info.Name.replace(/^\//, '')]));
  const target = new StartedAttachTarget(outputs, aliases, sharedNetwork(found.map((f) => f.info)));
  for (const { name, info } of found) {
    const output = new ContainerOutput(docker, info.Id, context.clock, {
      tty: info.Config.Tty,
      fromNow: true,
      ...(context.logDir && { logFile: join(context.logDir, `${name}.log`) }),
    });
    output.start();
    outputs.push(output);
    target.nodes.set(
      name,
      new ContainerNode({
        docker,
        id: info.Id,
        name,
        clock: context.clock,
        output,
        ports: publishedPorts(info),
        stopTimeoutSeconds: config.stop_timeout,
        signal: target.signal,
      }),
    );
  }
  return target;
}
