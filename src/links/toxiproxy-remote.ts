import { EnvironmentError } from '../common/errors.js';
import { LOOPBACK } from '../targets/process/free-port.js';
import { waitForApi, type ToxiproxyServer } from './toxiproxy-server.js';

/** A Toxiproxy server that already runs (`toxiproxy: {url}`): firedrill adds and removes its own proxies only. */
export async function useToxiproxyServer(url: string, signal?: AbortSignal): Promise<ToxiproxyServer> {
  const base = url.replace(/\/+$/, '');
  if (!(await waitForApi(base, 3000, signal))) {
    throw new EnvironmentError(`no Toxiproxy answers at ${base}/version`, {
      hint: 'start it (toxiproxy-server -host 127.0.0.1), or remove `toxiproxy.url` to let firedrill start one',
    });
  }
  const host = new URL(base).hostname;
  // A server elsewhere must listen where this machine can reach it.
  const local = host === 'localhost' || host === LOOPBACK;
  return {
    kind: 'remote',
    url: base,
    listenAddress: (port) => `${local ? LOOPBACK : '0.0.0.0'}:${port}`,
    hostAddress: (port) => ({ host, port }),
    alias: host,
    shared: true,
    async stop() {},
  };
}
