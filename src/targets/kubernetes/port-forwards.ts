import { createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { V1Pod } from '@kubernetes/client-node';
import type { Logger } from '../../common/logger.js';
import type { Cluster } from './cluster.js';

/**
 * A pod port on a local 127.0.0.1 port, as `kubectl port-forward` gives it, but re-aimed on every
 * connection at the node's pod of the moment: after the pod is restarted or replaced (a new name
 * for a Deployment pod), the next connection reaches the new one. A connection made while the pod
 * is gone or its port refuses is closed at once, which is what a client of the real service sees.
 */
export class PortForward {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly cluster: Cluster,
    private readonly remotePort: number,
    private readonly pod: () => V1Pod | undefined,
    private readonly logger: Logger,
  ) {
    this.server = createServer((socket) => this.forward(socket));
  }

  /** Listens on 127.0.0.1 at `localPort`, else at a free port (chosen by the kernel, kept for the run). */
  static async open(
    cluster: Cluster,
    remotePort: number,
    pod: () => V1Pod | undefined,
    logger: Logger,
    localPort = 0,
  ): Promise<PortForward> {
    const forward = new PortForward(cluster, remotePort, pod, logger);
    await new Promise<void>((resolve, reject) => {
      forward.server.once('error', reject);
      forward.server.listen(localPort, '127.0.0.1', () => resolve());
    });
    return forward;
  }

  get localPort(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const pod = this.pod();
    const name = pod?.metadata?.name;
    const namespace = pod?.metadata?.namespace;
    if (!name || !namespace) {
      socket.destroy();
      return;
    }
    // The kubelet reports a refused connection on the port's error stream: close the client's.
    const failures = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        // The stream opens with the port number, which the client strips, leaving an empty write.
        if (chunk.length === 0) return done();
        this.logger.debug(
          { pod: name, port: this.remotePort, said: chunk.toString('utf8') },
          'port-forward error',
        );
        socket.destroy();
        done();
      },
    });
    this.cluster.portForward
      .portForward(namespace, name, [this.remotePort], socket, failures, socket)
      .then((connection) => {
        const ws = typeof connection === 'function' ? connection() : connection;
        if (!ws) return socket.destroy();
        if (socket.destroyed) return ws.close();
        ws.on('close', () => socket.end());
        ws.on('error', () => socket.destroy());
        socket.on('close', () => ws.close());
      })
      .catch(() => socket.destroy());
  }
}
