import { dirname, resolve } from 'node:path';
import { ScenarioError, type ScenarioProblem } from '../common/errors.js';
import { placeFindings } from '../scenario/finding.js';
import { readDocument, sortProblems, type DocumentOptions } from '../scenario/load-document.js';
import type { Locate } from '../scenario/templates.js';
import { formatPath, type FieldPath } from '../scenario/yaml-source.js';
import { CronCalendar } from './calendar.js';
import { expandGlob } from './glob.js';
import { scheduleFindings } from './schedule-checks.js';
import { namedTierCrons, scheduleSchema, type Schedule } from './schedule-schema.js';

/** One tier, its cron settled (the file's, or the named tier's default). */
export interface ScheduleTier {
  name: string;
  cron: string;
  /** True when the cron is the default of a named tier. */
  defaultCron: boolean;
  /** As written: paths or globs relative to the schedule file. */
  patterns: string[];
  enabled: boolean;
  calendar: CronCalendar;
}

export interface LoadedSchedule {
  schedule: Schedule;
  file: string;
  /** The schedule file's directory: scenario globs resolve against it. */
  baseDir: string;
  timezone: string;
  /** Every tier in file order, disabled ones included. */
  tiers: ScheduleTier[];
  locate: Locate;
}

/** Loads a `kind: Schedule` file; throws one ScenarioError listing every problem, located. */
export async function loadSchedule(file: string, options: DocumentOptions = {}): Promise<LoadedSchedule> {
  const { source, data, value, problems } = await readDocument(file, 'Schedule', scheduleSchema, options);
  const flagged = new Set(problems.map((p) => p.path));
  // A finding about a whole tier points at the tier's name.
  const site = {
    file: source.file,
    locate: (path: FieldPath) =>
      path.length === 2 && path[0] === 'tiers'
        ? source.locateKey(['tiers'], String(path[1]))
        : source.locate(path),
  };
  problems.push(...placeFindings(scheduleFindings(data), site).filter((p) => !flagged.has(p.path)));
  if (problems.length > 0 || !value) throw new ScenarioError(sortProblems(problems));
  const tiers = Object.entries(value.tiers).map(([name, tier]): ScheduleTier => {
    const cron = tier.cron ?? namedTierCrons[name as keyof typeof namedTierCrons];
    return {
      name,
      cron,
      defaultCron: tier.cron === undefined,
      patterns: tier.scenarios,
      enabled: tier.enabled,
      calendar: new CronCalendar(cron, value.timezone),
    };
  });
  return {
    schedule: value,
    file,
    baseDir: dirname(resolve(file)),
    timezone: value.timezone,
    tiers,
    locate: (path) => source.locate(path),
  };
}

/** The drill files a tier runs now (globs are read at every fire, so new files join), in order. */
export async function tierFiles(loaded: LoadedSchedule, tier: ScheduleTier): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of tier.patterns) {
    for (const file of await expandGlob(loaded.baseDir, pattern)) if (!files.includes(file)) files.push(file);
  }
  return files;
}

/**
 * Globs that match no file: warnings, not errors, so that a calendar can name drills before they
 * are written (the shipped scenarios/schedule.yaml does).
 */
export async function emptyGlobWarnings(loaded: LoadedSchedule): Promise<ScenarioProblem[]> {
  const warnings: ScenarioProblem[] = [];
  for (const tier of loaded.tiers) {
    for (const [index, pattern] of tier.patterns.entries()) {
      if ((await expandGlob(loaded.baseDir, pattern)).length > 0) continue;
      const path = ['tiers', tier.name, 'scenarios', index];
      warnings.push({
        file: loaded.file,
        ...loaded.locate(path),
        path: formatPath(path),
        message: `"${pattern}" matches no file yet: tier ${tier.name} will skip it`,
        hint: `paths are relative to the schedule file's directory, ${loaded.baseDir}`,
      });
    }
  }
  return warnings;
}
