import { randomBytes } from 'node:crypto';
import type { UndoStep } from '../engine/undo.js';
import type { LinkProxy } from '../links/started-links.js';
import { defineInjector, type Fault, type FaultContext } from './injector.js';
import { bringUpStep, requireLinks, takeDown } from './link-actions.js';
import { describeGroups, partitionGroups } from './partition/groups.js';
import { partitionSchema, type PartitionConfig } from './partition/partition-schema.js';
import {
  applyCuts,
  chainName,
  partitionWindow,
  planCuts,
  removeHelpers,
  startHelpers,
  undoStep,
  type NodeCut,
} from './partition/via-network.js';
import type { NetnsSidecar } from '../targets/docker/netns-sidecar.js';
import { crossingLinks } from './partition/via-toxiproxy.js';

/** `partition`: cuts the nodes into sides that cannot reach each other, by iptables or by taking links down. */
export const partitionInjector = defineInjector({
  schema: partitionSchema,
  describe: (config) => `partition ${describeSides(config)} via ${config.via}`,
  create: (config): Fault => {
    const chain = chainName(randomBytes(3).toString('hex'));
    let groups: string[][] | undefined;
    let cuts: NodeCut[] | undefined;
    let crossing: LinkProxy[] | undefined;
    let helpers = new Map<string, NetnsSidecar>();
    // The sides are chosen once, in prepare, so the undo and the fault agree.
    const sides = (context: FaultContext): string[][] =>
      (groups ??= partitionGroups(config, [...context.target.nodes.keys()], context.random));
    return {
      async prepare(context): Promise<UndoStep[]> {
        if (config.via === 'toxiproxy') {
          const links = requireLinks(context);
          crossing = crossingLinks(links, sides(context));
          return crossing.map((link) => bringUpStep(links.toxiproxyUrl, link));
        }
        // Pods: the same rules, put in through an ephemeral container instead of a sidecar.
        // Every node a pod: the cut goes through ephemeral containers (Kubernetes' client loads then).
        const pods = sides(context)
          .flat()
          .every((name) => context.target.node(name).ref().kind === 'pod');
        const podCuts = pods ? await import('./partition/via-pod-network.js') : undefined;
        cuts = await (podCuts ? podCuts.planPodCuts : planCuts)(context.target, sides(context));
        // Started now, outside the fault window: inject is then one exec per node.
        helpers = podCuts ? await podCuts.startPodHelpers(cuts) : await startHelpers(cuts, context.runId);
        return cuts.map((cut) => undoStep(cut, chain, context.runId));
      },
      async inject(context) {
        const summary = `partitioned ${describeGroups(sides(context))}`;
        if (config.via === 'toxiproxy') {
          const links = requireLinks(context);
          await Promise.all(crossing!.map((link) => takeDown(links.toxiproxyUrl, link)));
          const names = crossing!.map((link) => link.link);
          return { summary: `${summary}: links ${names.join(', ')} down`, details: { groups, links: names } };
        }
        const { spans, instant } = await applyCuts(cuts!, chain, helpers, context.clock);
        const window = partitionWindow(sides(context), new Map(cuts!.map((cut, i) => [cut.node, spans[i]!])));
        return {
          summary: `${summary} (iptables chain ${chain})`,
          // Each node's own span against the shared instant: how long its commit took, how late it began.
          details: {
            groups,
            chain,
            instant,
            cuts: Object.fromEntries(cuts!.map((cut, i) => [cut.node, spans[i]])),
          },
          ...(window && { window }),
        };
      },
      async release() {
        await removeHelpers(helpers);
        helpers = new Map();
      },
    };
  },
});

function describeSides(config: PartitionConfig): string {
  if (config.groups) return describeGroups(config.groups);
  const of = config.nodes ? config.nodes.join(', ') : 'the nodes';
  return `${of} into ${config.split === 'random-halves' ? 'random halves' : 'halves'}`;
}
