import { z } from 'zod';
import { TargetError } from '../common/errors.js';
import { seededRandom } from '../common/random.js';
import type { StartedTarget, TargetNode } from '../targets/target.js';
import type { FaultContext } from './injector.js';
import { askRole, holders, roleCheckSchema, type RoleAnswer } from './role-check.js';

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

/** Node names a selection mentions, for checking a scenario against its target before a run. */
export function selectionNames(selection: NodeSelection): string[] {
  return selection.node !== undefined ? [selection.node] : (selection.nodes ?? selection.select?.from ?? []);
}

/**
 * The nodes a selection means on this target, now: with a role, among the candidates that hold
 * it at this moment (each asked); a random pick uses its own seed or the run's random.
 */
export async function selectNodes(selection: NodeSelection, context: FaultContext): Promise<Selected> {
  const { target } = context;
  const role = selection.select?.role;
  if (!role) return { nodes: pickNodes(selection, target, context.random) };
  const from = selection.select?.from ?? [...target.nodes.keys()];
  checkNames(from, target);
  const answers = await askRole(
    role,
    from.map((name) => target.node(name)),
    context,
  );
  const select = { ...selection.select, from: holders(role, answers) };
  return { nodes: pickNodes({ select }, target, context.random), answers };
}

/** The chosen nodes, and with a role what each candidate answered. */
export interface Selected {
  nodes: TargetNode[];
  answers?: RoleAnswer[];
}

function checkNames(names: readonly string[], target: StartedTarget): void {
  for (const name of names) {
    if (!target.nodes.has(name)) {
      throw new TargetError(`no node "${name}" in the target`, {
        hint: `nodes: ${[...target.nodes.keys()].join(', ')}`,
      });
    }
  }
}

/** The named nodes, or a random pick among the candidates. */
function pickNodes(selection: NodeSelection, target: StartedTarget, random: () => number): TargetNode[] {
  checkNames(selectionNames(selection), target);
  const { select } = selection;
  if (!select) return selectionNames(selection).map((name) => target.node(name));
  const candidates = select.from ?? [...target.nodes.keys()];
  const pick = select.seed === undefined ? random : seededRandom(select.seed);
  return pickNames(candidates, pickCount(select, candidates.length), pick).map((name) => target.node(name));
}

function pickCount(select: NonNullable<NodeSelection['select']>, total: number): number {
  // A percentage rounds down (as Chaos Mesh's fixed-percent does), but a fault acts on one node at least.
  const wanted =
    select.percent !== undefined ? Math.floor((total * select.percent) / 100) : (select.count ?? 1);
  return Math.min(total, Math.max(1, wanted));
}

/** The first `count` of a Fisher-Yates shuffle: each subset equally likely, order kept repeatable. */
export function pickNames(names: readonly string[], count: number, random: () => number): string[] {
  const pool = [...names];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/** "web", "web, db", "2 random of web, api, db (seed 7)", for plans and summaries. */
export function describeSelection(selection: NodeSelection): string {
  if (selection.node !== undefined) return selection.node;
  if (selection.nodes) return selection.nodes.join(', ');
  const select = selection.select ?? {};
  const size = select.percent !== undefined ? `${select.percent}%` : String(select.count ?? 1);
  const from = select.from ? ` of ${select.from.join(', ')}` : ' of the nodes';
  if (select.role) {
    const which =
      select.count === undefined && select.percent === undefined ? 'the node' : `${size} of the nodes`;
    return `${which} holding ${select.role.name}${select.from ? ` (among ${select.from.join(', ')})` : ''}`;
  }
  return `${size} random${from}${select.seed === undefined ? '' : ` (seed ${select.seed})`}`;
}
