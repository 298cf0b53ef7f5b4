import type { Command } from 'commander';
import { formatDuration } from '../../common/duration.js';
import { describeTimeline, planTimeline, type FaultConfig } from '../../engine/timeline-plan.js';
import { loadScenario } from '../../scenario/load.js';

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('print the resolved drill: target, probes, fault timeline, objectives (touches nothing)')
    .argument('<scenario>', 'scenario file (kind: Drill)')
    .action(async (file: string) => {
      const { drill } = await loadScenario(file);
      const nodes = 'nodes' in drill.target ? Object.keys(drill.target.nodes as object) : [];
      const lines = [
        `drill ${drill.name}${drill.description ? `: ${drill.description}` : ''}`,
        `target: ${drill.target.type}${nodes.length ? ` (${nodes.join(', ')})` : ''}`,
        `probes:`,
        ...drill.probes.map(
          (p) =>
            `  ${p.name.padEnd(16)} ${p.role.padEnd(7)} ${p.type.padEnd(6)} every ${formatDuration(p.interval)}`,
        ),
        `baseline: ${formatDuration(drill.baseline)} of steady state, then (t = end of baseline):`,
        ...describeTimeline(planTimeline(drill.faults as FaultConfig[])).map((line) => `  ${line}`),
        `recovery: ${drill.stable_for} consecutive passing rounds of every steady probe, within ${formatDuration(drill.timeouts.recover)} of t0`,
        `drill timeout: ${formatDuration(drill.timeouts.drill)}`,
        `objectives:`,
        ...Object.entries(drill.objectives).map(
          ([name, target]) => `  ${name.padEnd(12)} ${formatObjective(name, target)}`,
        ),
      ];
      console.log(lines.join('\n'));
    });
}

function formatObjective(name: string, target: unknown): string {
  if (name === 'lost_writes') return `<= ${String(target)}`;
  if (name === 'availability') return `>= ${(Number(target) * 100).toFixed(2)}%`;
  return `<= ${formatDuration(Number(target))}`;
}
