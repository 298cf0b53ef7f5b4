import { Wait } from 'testcontainers';
import { dockerClient, runLabels } from '../common/docker.js';
import { TargetError, errorMessage } from '../common/errors.js';
import { configureTestcontainers } from '../common/testcontainers-env.js';
import { TOXIPROXY_API_PORT, images } from '../common/images.js';
import { FiredrillContainer } from '../targets/docker/firedrill-container.js';
import type { TargetContext } from '../targets/target.js';
import { freePorts } from '../targets/process/free-port.js';
import { TOXIPROXY_ALIAS } from './link-address.js';
import type { ToxiproxyServer } from './toxiproxy-server.js';

/**
 * Toxiproxy as a container on the run network: upstreams are node aliases, and each proxy port is
 * published on 127.0.0.1 at the same number, so `${links.<l>.port}` works from the host and,
 * with `${links.<l>.alias}`, from the other containers.
 */
export async function startToxiproxyContainer(
  network: { name: string },
  proxyPorts: readonly number[],
  context: Pick<TargetContext, 'runId' | 'recordResource' | 'signal'>,
): Promise<ToxiproxyServer> {
  configureTestcontainers();
  const [apiPort] = await freePorts(1);
  let id: string | undefined;
  const container = new FiredrillContainer(images.toxiproxy, {
    network: { name: network.name, aliases: [TOXIPROXY_ALIAS] },
    onCreated: async (created) => {
      id = created;
      await context.recordResource({ kind: 'container', id: created, description: 'Toxiproxy container' });
    },
  })
    .withName(`firedrill-${context.runId}-toxiproxy`)
    .withLabels({ ...runLabels(context.runId), 'firedrill.node': 'toxiproxy' })
    .withExposedPorts(
      { container: TOXIPROXY_API_PORT, host: apiPort! },
      ...proxyPorts.map((port) => ({ container: port, host: port })),
    )
    .withWaitStrategy(Wait.forHttp('/version', TOXIPROXY_API_PORT).withStartupTimeout(30_000));
  try {
    await container.start();
  } catch (error) {
    if (id)
      await dockerClient()
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
    throw new TargetError(`could not start Toxiproxy (${images.toxiproxy}): ${errorMessage(error)}`, {
      hint: `the image must be present locally: \`docker image inspect ${images.toxiproxy}\` (scripts/setup-env.sh builds it)`,
      cause: error,
    });
  }
  const containerId = id!;
  return {
    kind: 'container',
    url: `http://127.0.0.1:${apiPort}`,
    listenAddress: (port) => `0.0.0.0:${port}`,
    hostAddress: (port) => ({ host: '127.0.0.1', port }),
    alias: TOXIPROXY_ALIAS,
    shared: false,
    async stop(options = {}) {
      if (options.keep) return;
      await dockerClient()
        .getContainer(containerId)
        .remove({ force: true })
        .catch((error: { statusCode?: number }) => {
          if (error.statusCode !== 404) throw error;
        });
    },
  };
}
