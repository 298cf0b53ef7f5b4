import { TargetError } from '../common/errors.js';

/**
 * The name containers on the run network reach Toxiproxy by. Here, not beside the container that
 * carries it, so planning links does not load testcontainers.
 */
export const TOXIPROXY_ALIAS = 'firedrill-toxiproxy';

/** `host:port`, `:port` or `port` → its parts (an empty host when none is given). */
export function parseListen(link: string, listen: string): { host: string; port: number } {
  const match = /^(?:(.*):)?(\d{1,5})$/.exec(listen.trim());
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) {
    throw new TargetError(
      `links.${link}.listen: expected host:port (e.g. 127.0.0.1:15432), found "${listen}"`,
    );
  }
  return { host: match[1] ?? '', port };
}

/** The name of a link's proxy on the server: carries the run id, as containers carry its label. */
export function proxyName(runId: string, link: string): string {
  return `firedrill-${runId}-${link}`;
}
