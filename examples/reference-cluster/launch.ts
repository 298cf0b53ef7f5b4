import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClusterNode, type Log } from './cluster-node.js';
import type { NodeConfig } from './config.js';
import { createApi } from './http-api.js';

export interface RunningNode {
  node: ClusterNode;
  server: Server;
  port: number;
  /** Graceful: a last checkpoint, then close. Not graceful: what a crash leaves behind. */
  stop(graceful: boolean): Promise<void>;
}

/** Loads the node's checkpoint, starts its loops and serves its API on config.host:config.port. */
export async function launch(config: NodeConfig, log?: Log): Promise<RunningNode> {
  const node = new ClusterNode(config, log);
  await node.start();
  const server = createApi(node);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  node.log(
    `${config.id} listening on ${config.host}:${port} (peers: ${config.peers.map((p) => p.id).join(', ') || 'none'}; ` +
      `heartbeat every ${config.heartbeatIntervalMs}ms, timeout ${config.heartbeatTimeoutMs}ms; ` +
      `replication ${config.settings.replication})`,
  );
  let stopping: Promise<void> | undefined;
  return {
    node,
    server,
    port,
    stop(graceful) {
      stopping ??= (async () => {
        await node.stop(graceful);
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      })();
      return stopping;
    },
  };
}
