import { GenericContainer } from 'testcontainers';

export interface ContainerExtras {
  /** The run network, joined with these aliases only (not Docker's default bridge as well). */
  network?: { name: string; aliases: string[] };
  memoryBytes?: number;
  restart?: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  stopTimeoutSeconds?: number;
  /** Called with the id once the container exists, before it starts: record it for cleanup. */
  onCreated?: (id: string) => Promise<void>;
}

/**
 * A GenericContainer as firedrill needs it: published ports bound to 127.0.0.1 only
 * (testcontainers binds 0.0.0.0), the run network joined at creation with the node's alias, and
 * the host settings testcontainers has no builder for (exact memory limit, restart policy).
 */
export class FiredrillContainer extends GenericContainer {
  constructor(
    image: string,
    private readonly extras: ContainerExtras = {},
  ) {
    super(image);
    if (extras.network) this.withNetworkMode(extras.network.name);
  }

  protected override async beforeContainerCreated(): Promise<void> {
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {})) {
      for (const binding of bindings as Array<{ HostIp?: string }>) binding.HostIp = '127.0.0.1';
    }
    const { network, memoryBytes, restart, stopTimeoutSeconds } = this.extras;
    if (network) {
      // testcontainers would join the default bridge and connect the network afterwards.
      this.createOpts.NetworkingConfig = {
        EndpointsConfig: { [network.name]: { Aliases: network.aliases } },
      };
    }
    if (memoryBytes !== undefined) {
      this.hostConfig.Memory = memoryBytes;
      // No swap beyond the limit: a memory limit that swaps hides the pressure a drill wants.
      this.hostConfig.MemorySwap = memoryBytes;
    }
    if (restart && restart !== 'no') this.hostConfig.RestartPolicy = { Name: restart };
    if (stopTimeoutSeconds !== undefined) this.createOpts.StopTimeout = stopTimeoutSeconds;
  }

  protected override async containerCreated(containerId: string): Promise<void> {
    await this.extras.onCreated?.(containerId);
  }
}
