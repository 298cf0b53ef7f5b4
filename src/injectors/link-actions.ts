import { FaultNoEffectError, TargetError } from '../common/errors.js';
import type { UndoStep } from '../engine/undo.js';
import type { LinkProxy, StartedLinks } from '../links/started-links.js';
import { addToxic, listToxics, proxyState, setProxyEnabled, type ToxicSpec } from '../links/toxiproxy-api.js';
import type { FaultContext } from './injector.js';

/** The drill's links, or a clear error when a link fault runs in a drill that declares none. */
export function requireLinks(context: FaultContext): StartedLinks {
  if (context.links) return context.links;
  throw new TargetError('this fault acts on links, but the drill declares none', {
    hint: 'declare them under `links:` (name: {upstream: host:port})',
  });
}

/** Takes a link down (Toxiproxy disables the proxy: new connections are refused, open ones closed). */
export async function takeDown(server: string, proxy: LinkProxy): Promise<void> {
  await setProxyEnabled(server, proxy.proxy, false);
  if ((await proxyState(server, proxy.proxy)).enabled)
    throw new FaultNoEffectError(`link ${proxy.link} is still enabled after disabling it`);
}

export function bringUpStep(server: string, proxy: LinkProxy): UndoStep {
  return {
    action: 'proxy.enable',
    toxiproxyUrl: server,
    proxy: proxy.proxy,
    description: `bring link ${proxy.link} up again`,
  };
}

/** Adds a toxic and checks the server lists it. */
export async function addVerifiedToxic(server: string, proxy: LinkProxy, toxic: ToxicSpec): Promise<void> {
  await addToxic(server, proxy.proxy, toxic);
  const listed = await listToxics(server, proxy.proxy);
  if (!listed.some((t) => t.name === toxic.name))
    throw new FaultNoEffectError(`toxic ${toxic.name} is not listed on link ${proxy.link} after adding it`);
}

export function removeToxicStep(server: string, proxy: LinkProxy, toxic: string): UndoStep {
  return {
    action: 'toxic.remove',
    toxiproxyUrl: server,
    proxy: proxy.proxy,
    toxic,
    description: `remove toxic ${toxic} from link ${proxy.link}`,
  };
}
