import { FaultNoEffectError } from '../../common/errors.js';
import { seededRandom } from '../../common/random.js';
import { pickNames } from '../node-selection.js';
import type { PartitionConfig } from './partition-schema.js';

/**
 * The sides of a partition. `halves` cuts the nodes in order (Jepsen's partition-halves: the
 * first ⌊n/2⌋ against the rest, so the second side holds the majority); `random-halves` shuffles
 * them first, repeatably by seed.
 */
export function partitionGroups(
  config: PartitionConfig,
  allNodes: readonly string[],
  random: () => number,
): string[][] {
  if (config.groups) return config.groups.map((group) => [...group]);
  const nodes = config.nodes ?? [...allNodes];
  if (nodes.length < 2)
    throw new FaultNoEffectError(`a partition needs at least 2 nodes, the target has ${nodes.length}`);
  const ordered =
    config.split === 'random-halves'
      ? pickNames(nodes, nodes.length, config.seed === undefined ? random : seededRandom(config.seed))
      : nodes;
  const cut = Math.floor(ordered.length / 2);
  return [ordered.slice(0, cut), ordered.slice(cut)];
}

/** "a, b | c, d" for summaries. */
export function describeGroups(groups: readonly string[][]): string {
  return groups.map((group) => group.join(', ')).join(' | ');
}
