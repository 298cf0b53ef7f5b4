import { FaultNoEffectError } from '../common/errors.js';
import type { UndoStep } from '../engine/undo.js';
import type { NodeRef, TargetNode } from '../targets/target.js';
import type { Fault, FaultContext, FaultEffect } from './injector.js';
import { EffectTimer } from './effect-window.js';
import type { NodeSelection } from './node-selection-schema.js';
import { selectNodes, type Selected } from './node-selection.js';

/** What one node fault does to each selected node. */
export interface NodeAction {
  /** Undo steps for one node, computed before anything changes. */
  undo?(node: TargetNode): UndoStep[];
  /**
   * Applies the fault to one node and verifies it; resolves with a phrase: "killed web (pid 4242)".
   * The call that makes the effect true goes through `effect.around(...)`, which times it.
   */
  apply(node: TargetNode, effect: EffectTimer): Promise<string>;
}

/** A fault over the selected nodes; the pick is made once, in `prepare`, so undo and inject agree. */
export function nodeFault(selection: NodeSelection, action: NodeAction): Fault {
  let chosen: Promise<Selected> | undefined;
  // Asked once per fault instance: a repeated drill creates a new one, so a role is asked anew.
  const choose = (context: FaultContext): Promise<Selected> => (chosen ??= selectNodes(selection, context));
  return {
    async prepare(context) {
      return (await choose(context)).nodes.flatMap((node) => action.undo?.(node) ?? []);
    },
    async inject(context): Promise<FaultEffect> {
      const { nodes, answers } = await choose(context);
      const effect = new EffectTimer(context.clock);
      // Several nodes fail together, as in a real correlated failure, not one after another.
      const results = await Promise.allSettled(nodes.map((node) => action.apply(node, effect)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      const phrases = results.map((r) => (r as PromiseFulfilledResult<string>).value);
      const window = effect.window();
      return {
        summary: phrases.join('; '),
        details: { nodes: nodes.map((node) => node.name), ...(answers && { roles: answers }) },
        ...(window && { window }),
      };
    },
  };
}

/** "pid 4242", "container 1a2b3c4d5e6f" or "pod ns/web-0". */
export function refLabel(ref: NodeRef): string {
  if (ref.kind === 'pod') return `pod ${ref.namespace}/${ref.pod}`;
  return ref.kind === 'process' ? `pid ${ref.pid}` : `container ${ref.id.slice(0, 12)}`;
}

/** A fault on a node that is not running would silently do nothing: fail it instead. */
export async function requireRunning(node: TargetNode, verb: string): Promise<void> {
  if (!(await node.isRunning())) {
    throw new FaultNoEffectError(`cannot ${verb} node ${node.name}: it is not running`, {
      hint: 'an earlier fault may have left it down; order faults with `after`, or add a `start` fault',
    });
  }
}
