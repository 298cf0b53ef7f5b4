import { z } from 'zod';
import { roleCheckSchema } from './role-check-schema.js';

/** How a node fault names its nodes: one of `node`, `nodes` or `select`. */
export const nodeSelectionFields = {
  node: z.string().min(1).optional().meta({ description: 'The node to act on.' }),
  nodes: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .meta({ description: 'Several nodes, all acted on together.' }),
  select: z
    .strictObject({
      count: z.number().int().min(1).optional().meta({ description: 'How many nodes to pick (default 1).' }),
      percent: z
        .number()
        .gt(0)
        .max(100)
        .optional()
        .meta({ description: 'Or this share of the nodes (at least one).' }),
      seed: z.number().int().optional().meta({ description: "Seed of the pick (default: the run's seed)." }),
      from: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .meta({ description: 'Candidates (default: every node).' }),
      role: roleCheckSchema.optional().meta({
        description:
          'Only the candidates that hold this role when the fault is injected (asked anew each time): the leader.',
      }),
    })
    .optional()
    .meta({ description: 'Pick nodes at random, repeatably by seed; or by the role they hold right now.' }),
};

export const nodeSelectionSchema = z.object(nodeSelectionFields);
export type NodeSelection = z.output<typeof nodeSelectionSchema>;

/** For `.superRefine` on a fault schema: exactly one way of naming nodes, and one size for `select`. */
export function checkNodeSelection(value: NodeSelection, ctx: z.RefinementCtx): void {
  const given = (['node', 'nodes', 'select'] as const).filter((key) => value[key] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: given.length ? [given[1] ?? given[0]!] : [],
      message: given.length
        ? `give only one of node, nodes or select (found ${given.join(' and ')})`
        : 'name the node(s) to act on: `node: <name>`, `nodes: [<name>, ...]` or `select: {count: 1}`',
    });
  }
  if (value.select?.count !== undefined && value.select.percent !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['select', 'percent'],
      message: 'give select.count or select.percent, not both',
    });
  }
}
