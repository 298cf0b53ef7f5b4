import { ScenarioError, type ScenarioProblem } from '../common/errors.js';
import type { TierScenario } from './due.js';
import { loadScenario } from '../scenario/load.js';
import { tierFiles, type LoadedSchedule, type ScheduleTier } from './load-schedule.js';

export interface ScenarioSources {
  /** The drill files a tier runs now (its globs expanded). */
  filesOf(tier: ScheduleTier): Promise<string[]>;
  /** The scenario name a drill file's history is kept under; throws a ScenarioError when invalid. */
  nameOf(file: string): Promise<string>;
}

/**
 * Every tier's drill files with their scenario names. All files are read before anything runs,
 * like `firedrill run` does: one ScenarioError lists the problems of every broken file.
 */
export async function readTierScenarios(
  tiers: readonly ScheduleTier[],
  sources: ScenarioSources,
): Promise<Map<string, TierScenario[]>> {
  const names = new Map<string, string>();
  const problems: ScenarioProblem[] = [];
  const byTier = new Map<string, TierScenario[]>();
  for (const tier of tiers) {
    const scenarios: TierScenario[] = [];
    for (const file of await sources.filesOf(tier)) {
      if (!names.has(file)) {
        try {
          names.set(file, await sources.nameOf(file));
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          problems.push(...error.problems);
          names.set(file, '');
        }
      }
      scenarios.push({ file, scenario: names.get(file)! });
    }
    byTier.set(tier.name, scenarios);
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return byTier;
}

/** The real sources: the tier's globs on disk, and each drill file's `name`. */
export function scheduleSources(loaded: LoadedSchedule): ScenarioSources {
  return {
    filesOf: (tier) => tierFiles(loaded, tier),
    nameOf: async (file) => (await loadScenario(file)).drill.name,
  };
}
