import { FaultNoEffectError } from '../../common/errors.js';
import type { LinkProxy, StartedLinks } from '../../links/started-links.js';

/** The links whose two ends (`from`, `to`) sit on different sides of the partition. */
export function crossingLinks(links: StartedLinks, groups: readonly string[][]): LinkProxy[] {
  const side = new Map<string, number>();
  groups.forEach((group, g) => group.forEach((node) => side.set(node, g)));
  const crossing = links
    .names()
    .map((name) => links.get(name))
    .filter((link) => {
      const from = link.from === undefined ? undefined : side.get(link.from);
      const to = link.to === undefined ? undefined : side.get(link.to);
      return from !== undefined && to !== undefined && from !== to;
    });
  if (crossing.length === 0) {
    throw new FaultNoEffectError('no declared link crosses the partition: it would cut nothing', {
      hint: 'give each link between nodes `from: <node>` (and `to:` unless its upstream names the node)',
    });
  }
  return crossing;
}
