import type { ScenarioProblem } from '../common/errors.js';
import type { DrillResult, Verdict } from '../result/index.js';
import type { Delivery } from './notifier.js';

/** Why a tier runs. */
export type RunReason = 'scheduled' | 'catch-up' | 'due';

/** One drill of a tier, as it ended. */
export interface DrillOutcome {
  file: string;
  /** The scenario's name, when the file could be read. */
  scenario?: string;
  verdict: Verdict;
  reasons: string[];
  runDir?: string;
  result?: DrillResult;
  /** The file is not a valid drill (a scheduled run found it broken). */
  problems?: ScenarioProblem[];
}

/** What the schedule does, for the CLI to print and tests to follow. */
export type ScheduleEvent =
  | { type: 'started'; tiers: Array<{ name: string; cron: string; next?: Date }> }
  | { type: 'missed'; tier: string; lastFire: Date; scenarios: string[]; catchUp: boolean }
  | { type: 'fired'; tier: string; at: Date }
  | { type: 'queued'; tier: string; behind: string }
  | { type: 'already-waiting'; tier: string }
  | { type: 'tier.start'; tier: string; reason: RunReason; files: string[] }
  | { type: 'tier.empty'; tier: string }
  | { type: 'drill.start'; tier: string; file: string }
  | { type: 'drill.end'; tier: string; outcome: DrillOutcome }
  | { type: 'notified'; tier: string; file: string; verdict: Verdict; delivery: Delivery }
  | { type: 'tier.end'; tier: string; outcomes: DrillOutcome[] }
  | { type: 'stopping'; reason: string; dropped: string[] }
  | { type: 'stopped' };

export type ScheduleListener = (event: ScheduleEvent) => void;
