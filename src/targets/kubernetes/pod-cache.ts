import * as k8s from '@kubernetes/client-node';
import type { Logger } from '../../common/logger.js';
import type { Cluster } from './cluster.js';

const RESTART_DELAY_MS = 1_000;

/**
 * The pods of one namespace as the API reports them, kept current by a watch (an informer): nodes
 * look their pod up here on every action and connection, so a replaced pod (a StatefulSet pod with
 * a new uid, a Deployment pod with a new name) is found as soon as the API knows it, without a
 * request per probe sample.
 */
export class PodCache {
  private readonly informer: k8s.Informer<k8s.V1Pod> & k8s.ObjectCache<k8s.V1Pod>;
  private closed = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    cluster: Cluster,
    readonly namespace: string,
    private readonly logger: Logger,
  ) {
    this.informer = k8s.makeInformer(cluster.config, `/api/v1/namespaces/${namespace}/pods`, () =>
      cluster.core.listNamespacedPod({ namespace }),
    );
    // The informer stops on an error (the apiserver restarted, a dropped connection): watch again.
    this.informer.on('error', (error: unknown) => {
      if (this.closed) return;
      this.logger.debug({ err: error, namespace }, 'pod watch failed; watching again');
      this.restartTimer = setTimeout(
        () => void this.informer.start().catch(() => undefined),
        RESTART_DELAY_MS,
      );
    });
  }

  /** Lists the pods once, then watches: resolves once the first list is in. */
  async start(): Promise<void> {
    await this.informer.start();
  }

  pods(): readonly k8s.V1Pod[] {
    return this.informer.list(this.namespace);
  }

  get(name: string): k8s.V1Pod | undefined {
    return this.informer.get(name, this.namespace);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.restartTimer);
    await this.informer.stop().catch(() => undefined);
  }
}
