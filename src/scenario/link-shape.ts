import { describeValue } from './describe-value.js';
import { recordOf, type Finding } from './finding.js';

/** A link name reaches proxy names, `${links.<name>...}` keys and file names: a safe slug only. */
export const LINK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const NAME_EXPECTED =
  "a name of letters, digits, '-' and '_' (at most 63, starting with a letter or digit), e.g. db";

/** `host:port`, `[v6]:port` or a bare port (on 127.0.0.1): what Toxiproxy can listen on. */
const LISTEN = /^(?:(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):)?(\d{1,5})$/;
const LISTEN_EXPECTED = 'host:port (or a port) from 1 to 65535, e.g. 127.0.0.1:15432';

/**
 * Link names and `listen` addresses, whose mistakes would otherwise show only when Toxiproxy
 * refuses them mid-start (or a name like `../../x` reaches a path).
 */
export function linkShapeFindings(links: unknown): Finding[] {
  const findings: Finding[] = [];
  for (const [name, link] of Object.entries(recordOf(links))) {
    if (!LINK_NAME.test(name))
      findings.push({
        path: ['links', name],
        message: `link name ${JSON.stringify(name)} is not allowed`,
        expected: NAME_EXPECTED,
        found: JSON.stringify(name),
        hint: 'rename the link: it names a proxy and ${links.<name>...} values, so it cannot hold dots, slashes or spaces',
      });
    const listen = recordOf(link).listen;
    if (typeof listen === 'string' && !listen.includes('${') && !validListen(listen))
      findings.push({
        path: ['links', name, 'listen'],
        message: 'not an address Toxiproxy can listen on',
        expected: LISTEN_EXPECTED,
        found: describeValue(listen),
        hint: 'write host:port or a port, or leave listen out to get a free port',
      });
  }
  return findings;
}

function validListen(listen: string): boolean {
  const match = LISTEN.exec(listen);
  if (!match) return false;
  const port = Number(match[3]);
  return port >= 1 && port <= 65_535;
}
