import type Docker from 'dockerode';
import { dockerClient, runLabels } from '../../common/docker.js';

/**
 * The bridge network a run's containers share, made with dockerode rather than testcontainers'
 * `Network`, which cannot carry the `firedrill.run` label that `cleanup` sweeps by.
 */
export class RunNetwork {
  private constructor(
    readonly name: string,
    readonly id: string,
    private readonly network: Docker.Network,
  ) {}

  static async create(runId: string, docker: Docker = dockerClient()): Promise<RunNetwork> {
    const name = `firedrill-${runId}`;
    const network = await docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: runLabels(runId),
    });
    return new RunNetwork(name, network.id, network);
  }

  /** The container's IPv4 address on this network (no prefix length), or undefined. */
  static addressOf(info: Docker.ContainerInspectInfo, networkName: string): string | undefined {
    return info.NetworkSettings.Networks[networkName]?.IPAddress || undefined;
  }

  async remove(): Promise<void> {
    await this.network.remove().catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
  }
}
