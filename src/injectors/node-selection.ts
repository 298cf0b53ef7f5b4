import { TargetError } from '../common/errors.js';
import { seededRandom } from '../common/random.js';
import type { StartedTarget, TargetNode } from '../targets/target.js';
import type { FaultContext } from './injector.js';
import { askRole, holders, type RoleAnswer } from './role-check.js';
import type { NodeSelection } from './node-selection-schema.js';

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
