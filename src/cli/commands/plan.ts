import type { Command } from 'commander';
import { describePlan } from '../../engine/drill-plan.js';
import { loadScenario } from '../../scenario/load.js';
import { parseEachSchemaOnce } from './parse-once.js';

export function registerPlan(program: Command): void {
  parseEachSchemaOnce();
  program
    .command('plan')
    .description(
      'print what the drill will do: target, images, nodes, start order, links, probes, load, ledger, fault timeline, objectives (touches nothing)',
    )
    .argument('<scenario>', 'scenario file (kind: Drill)')
    .action(async (file: string) => {
      const { drill } = await loadScenario(file);
      console.log((await describePlan(drill)).join('\n'));
    });
}
