import { Toxiproxy } from 'toxiproxy-node-client';
import { TargetError, errorMessage } from '../common/errors.js';
import type { LinkConfig } from '../scenario/drill-schema.js';
import type { StartedTarget, TargetContext, ToxiproxyHost } from '../targets/target.js';
import { proxyName } from './link-address.js';
import { planLinks, type LinkPlan } from './link-plan.js';
import { StartedLinks, deleteProxy, type LinkProxy } from './started-links.js';
import { startToxiproxyContainer } from './toxiproxy-container.js';
import { startToxiproxyProcess } from './toxiproxy-process.js';
import { useToxiproxyServer } from './toxiproxy-remote.js';
import type { ToxiproxyConfig } from './toxiproxy-schema.js';
import type { ToxiproxyServer } from './toxiproxy-server.js';

/** `${nodes.db.alias}:5432` → db: the node a link leads to, unless `to:` says otherwise. */
const UPSTREAM_NODE = /\$\{\s*nodes\.([^.}\s]+)\./;

export interface LinksContext extends Pick<TargetContext, 'runId' | 'clock' | 'signal' | 'recordResource'> {
  /** Fills `${nodes...}` templates of a link's upstream from the target's values. */
  resolveUpstream(link: string, upstream: string): string;
  /** Fills `${nodes...}` templates of `toxiproxy.url` (Toxiproxy run as a node). */
  resolveUrl?(url: string): string;
}

/**
 * Where the links' Toxiproxy goes: run by the target itself when it offers to (a pod beside the
 * kubernetes target's pods), else on the target's Docker network when it has one.
 */
export type LinksHost =
  { readonly network?: { name: string } | undefined; readonly toxiproxy?: ToxiproxyHost } | StartedTarget;

/**
 * Brings up Toxiproxy for the drill's links and creates one proxy per link: on the given server
 * (`toxiproxy.url`), else a container on the target's network when it has one, else a local
 * `toxiproxy-server` process. Undefined when the drill declares no links.
 */
export async function startLinks(
  links: Readonly<Record<string, LinkConfig>> | undefined,
  toxiproxy: ToxiproxyConfig | undefined,
  site: LinksHost,
  context: LinksContext,
  /** Ports chosen before the target started (its nodes may already point at them). */
  plan?: LinkPlan,
): Promise<StartedLinks | undefined> {
  const entries = Object.entries(links ?? {});
  if (entries.length === 0) return undefined;
  const { ports: planned, listens } = plan ?? (await planLinks(links));
  const ports = entries.map(([name]) => planned[name]!);
  const server = await startServer(toxiproxy, site, ports, context);
  // A container's or a pod's proxies listen on its own interfaces: a `listen` host is the host's.
  const ownNetwork = server.kind === 'container' || server.kind === 'pod';
  try {
    const api = new Toxiproxy(server.url);
    const proxies = new Map<string, LinkProxy>();
    for (const [i, [link, config]] of entries.entries()) {
      const port = ports[i]!;
      const given = listens[link];
      const listen = given?.host && !ownNetwork ? `${given.host}:${port}` : server.listenAddress(port);
      const upstream = context.resolveUpstream(link, config.upstream);
      server.checkUpstream?.(link, upstream);
      const proxy = proxyName(context.runId, link);
      if (server.shared)
        await context.recordResource({
          kind: 'proxy',
          toxiproxyUrl: server.url,
          name: proxy,
          description: `proxy ${proxy}`,
        });
      await api.createProxy({ name: proxy, listen, upstream }).catch((error: unknown) => {
        throw new TargetError(
          `could not create link ${link} (${listen} → ${upstream}): ${errorMessage(error)}`,
          {
            hint: 'is the listen port free? omit `listen` to let firedrill pick one',
          },
        );
      });
      const host =
        given?.host && given.host !== '0.0.0.0' && !ownNetwork ? given.host : server.hostAddress(port).host;
      const to = config.to ?? UPSTREAM_NODE.exec(config.upstream)?.[1];
      proxies.set(link, {
        link,
        proxy,
        listen,
        upstream,
        host,
        port,
        ...(config.from && { from: config.from }),
        ...(to && { to }),
      });
    }
    return new StartedLinks(server, proxies);
  } catch (error) {
    if (server.shared)
      await Promise.allSettled(
        entries.map(([link]) => deleteProxy(server.url, proxyName(context.runId, link))),
      );
    await server.stop().catch(() => undefined);
    throw error;
  }
}

function startServer(
  toxiproxy: ToxiproxyConfig | undefined,
  site: LinksHost,
  ports: number[],
  context: LinksContext,
): Promise<ToxiproxyServer> {
  if (toxiproxy?.url)
    return useToxiproxyServer(context.resolveUrl?.(toxiproxy.url) ?? toxiproxy.url, context.signal);
  const own = ownToxiproxy(site);
  if (own) return own.startToxiproxy(ports);
  if (site.network) return startToxiproxyContainer(site.network, ports, context);
  return startToxiproxyProcess(context);
}

/** The target's own Toxiproxy launcher: handed to the gate, or offered by the started target. */
function ownToxiproxy(site: LinksHost): ToxiproxyHost | undefined {
  if ('toxiproxy' in site && site.toxiproxy) return site.toxiproxy;
  if ('startToxiproxy' in site && site.startToxiproxy) return site as ToxiproxyHost;
  return undefined;
}
