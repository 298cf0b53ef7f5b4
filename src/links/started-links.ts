import { TargetError, errorMessage } from '../common/errors.js';
import type { TemplateValues } from '../targets/target.js';
import type { ToxiproxyServer } from './toxiproxy-server.js';

/** One declared link, as created on the server. */
export interface LinkProxy {
  link: string;
  /** The proxy's name on the Toxiproxy server. */
  proxy: string;
  listen: string;
  upstream: string;
  /** The node that connects through it, and the node behind it, when known (partitions). */
  from?: string;
  to?: string;
  /** Where the host reaches it. */
  host: string;
  port: number;
}

/** The run's links: their proxies, the server's API (for faults and undo steps), template values. */
export class StartedLinks {
  constructor(
    private readonly server: ToxiproxyServer,
    private readonly proxies: ReadonlyMap<string, LinkProxy>,
  ) {}

  get toxiproxyUrl(): string {
    return this.server.url;
  }

  names(): string[] {
    return [...this.proxies.keys()];
  }

  get(link: string): LinkProxy {
    const proxy = this.proxies.get(link);
    if (!proxy) {
      throw new TargetError(`no link "${link}"`, {
        hint: this.proxies.size ? `links: ${this.names().join(', ')}` : 'declare it under `links:`',
      });
    }
    return proxy;
  }

  /**
   * `${links.<l>.host}` / `${links.<l>.port}`: the host side; `${links.<l>.alias}` with the same port:
   * how the target's containers reach it (the Toxiproxy container's network alias).
   */
  templateValues(): TemplateValues {
    const values: TemplateValues = {};
    for (const proxy of this.proxies.values()) {
      values[`links.${proxy.link}.host`] = proxy.host;
      values[`links.${proxy.link}.port`] = String(proxy.port);
      values[`links.${proxy.link}.alias`] = this.server.alias;
    }
    return values;
  }

  /** Removes the proxies from a shared server, or stops the server firedrill started. */
  async stop(options: { keep?: boolean } = {}): Promise<void> {
    if (this.server.shared && !options.keep) {
      const results = await Promise.allSettled(
        [...this.proxies.values()].map((p) => deleteProxy(this.server.url, p.proxy)),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed)
        throw new TargetError(
          `could not remove a proxy from ${this.server.url}: ${errorMessage(failed.reason)}`,
        );
    }
    await this.server.stop(options);
  }
}

export async function deleteProxy(url: string, proxy: string): Promise<void> {
  const response = await fetch(`${url}/proxies/${encodeURIComponent(proxy)}`, {
    method: 'DELETE',
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok && response.status !== 404) throw new Error(`Toxiproxy answered HTTP ${response.status}`);
}
