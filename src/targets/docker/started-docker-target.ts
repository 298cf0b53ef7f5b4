import type Docker from 'dockerode';
import { TargetError, errorMessage } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { StartedTarget, TemplateValues } from '../target.js';
import type { ContainerNode } from './container-node.js';
import type { ContainerOutput } from './container-output.js';
import { containerTemplateValues } from './template-values.js';
import type { RunNetwork } from './run-network.js';

const GONE_POLL_MS = 50;
const GONE_ATTEMPTS = 200;

/** The containers of a docker target and the network they share; removes them at the end unless kept. */
export class StartedDockerTarget implements StartedTarget {
  readonly nodes = new Map<string, ContainerNode>();
  readonly outputs: ContainerOutput[] = [];
  /** Every container created, started or not, so a failed start removes it too. */
  private readonly containerIds: string[] = [];
  private readonly lifetime = new AbortController();
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly runNetwork: RunNetwork,
    private readonly logger: Logger,
  ) {}

  /** The run's network: links put Toxiproxy on it, partitions act on addresses in it. */
  get network(): { name: string; id: string } {
    return { name: this.runNetwork.name, id: this.runNetwork.id };
  }

  /** Aborted when the target stops: bounds ready waits of starts during the drill. */
  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  node(name: string): ContainerNode {
    const node = this.nodes.get(name);
    if (!node)
      throw new TargetError(`no node "${name}" in the docker target`, {
        hint: `nodes: ${[...this.nodes.keys()].join(', ')}`,
      });
    return node;
  }

  templateValues(): TemplateValues {
    return containerTemplateValues([...this.nodes.values()]);
  }

  add(node: ContainerNode): void {
    this.nodes.set(node.name, node);
  }

  created(id: string): void {
    this.containerIds.push(id);
  }

  /** Removes the containers (with their anonymous volumes) and the network; `keep` leaves them. */
  stop(options: { keep?: boolean } = {}): Promise<void> {
    this.stopped ??= this.stopAll(options.keep ?? false);
    return this.stopped;
  }

  /** Removes a container and waits until it is gone: the network cannot go while it is attached. */
  private async removeContainer(id: string): Promise<void> {
    const container = this.docker.getContainer(id);
    await container.remove({ force: true, v: true }).catch(ignoreMissing);
    for (let attempt = 0; attempt < GONE_ATTEMPTS; attempt++) {
      const gone = await container.inspect().then(
        () => false,
        (error: { statusCode?: number }) => error.statusCode === 404,
      );
      if (gone) return;
      await new Promise((resolve) => setTimeout(resolve, GONE_POLL_MS));
    }
    throw new TargetError(
      `container ${id.slice(0, 12)} was still there ${(GONE_ATTEMPTS * GONE_POLL_MS) / 1000}s after its removal`,
    );
  }

  private async stopAll(keep: boolean): Promise<void> {
    this.lifetime.abort(new TargetError('the docker target was stopped'));
    if (keep) {
      this.logger.warn(
        { containers: this.containerIds, network: this.runNetwork.name },
        'left the containers and network running (--keep); remove them with `firedrill cleanup`',
      );
      await Promise.all(this.outputs.map((output) => output.close()));
      return;
    }
    const removals = await Promise.allSettled(this.containerIds.map((id) => this.removeContainer(id)));
    await Promise.all(this.outputs.map((output) => output.close()));
    const failed = removals.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    // Containers still attached would block the network's removal: report them instead.
    if (failed.length > 0)
      throw new TargetError(
        `could not remove ${failed.length} container(s): ${errorMessage(failed[0]!.reason)}`,
        {
          hint: 'run `firedrill cleanup` to remove leftovers by label',
        },
      );
    await this.runNetwork.remove();
  }
}

/** 404: already gone; 409: its removal is under way (testcontainers removes a container that failed its wait). */
function ignoreMissing(error: { statusCode?: number }): void {
  if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
}
