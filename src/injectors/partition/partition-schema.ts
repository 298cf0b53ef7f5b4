import { z } from 'zod';
import { faultBase } from '../injector.js';

const nodeName = z.string().min(1);

export const partitionSchema = faultBase
  .extend({
    type: z.literal('partition'),
    split: z.enum(['halves', 'random-halves']).optional().meta({
      description:
        'halves: the nodes in order, cut in two (the first half the smaller one); random-halves: shuffled first (by seed).',
    }),
    groups: z
      .array(z.array(nodeName).min(1, { error: 'a group needs at least one node' }))
      .min(2, { error: 'a partition needs at least 2 groups' })
      .optional()
      .meta({ description: 'Explicit sides, e.g. [[a, b], [c, d]]: traffic between groups is cut.' }),
    nodes: z
      .array(nodeName)
      .min(2, { error: 'a partition needs at least 2 nodes' })
      .optional()
      .meta({ description: 'For split: the nodes to cut in two (default: every node of the target).' }),
    seed: z
      .number()
      .int()
      .optional()
      .meta({ description: "random-halves: seed of the shuffle (default: the run's)." }),
    via: z.enum(['network', 'toxiproxy']).default('network').meta({
      description:
        "network: iptables DROP in each node's network namespace (containers); toxiproxy: the declared links whose `from` and `to` sit on different sides go down.",
    }),
  })
  .superRefine((value, ctx) => {
    if ((value.split === undefined) === (value.groups === undefined))
      ctx.addIssue({
        code: 'custom',
        path: value.split ? ['groups'] : [],
        message: 'say how to cut: `split: halves` or `groups: [[a, b], [c, d]]` (one of them)',
      });
    if (value.groups && value.nodes)
      ctx.addIssue({
        code: 'custom',
        path: ['nodes'],
        message: 'groups already name the nodes: remove nodes',
      });
    if (value.seed !== undefined && value.split !== 'random-halves')
      ctx.addIssue({ code: 'custom', path: ['seed'], message: 'seed applies to split: random-halves only' });
    const seen = new Map<string, number>();
    value.groups?.forEach((group, g) =>
      group.forEach((node, i) => {
        const first = seen.get(node);
        if (first !== undefined && first !== g)
          ctx.addIssue({
            code: 'custom',
            path: ['groups', g, i],
            message: `node "${node}" is already in groups[${first}]: a node sits on one side only`,
          });
        seen.set(node, g);
      }),
    );
  });

export type PartitionConfig = z.output<typeof partitionSchema>;
