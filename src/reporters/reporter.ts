import type { JournalEvent } from '../engine/journal.js';
import type { DrillResult } from '../result/index.js';
import type { Sample } from '../result/sample.js';
import type { PlannedFault } from '../engine/timeline-plan.js';

export interface DrillStart {
  runId: string;
  scenario: string;
  runDir: string;
  plan: readonly PlannedFault[];
}

/** Every hook is optional: a reporter implements what it needs. */
export interface Reporter {
  onDrillStart?(start: DrillStart): void;
  onEvent?(event: JournalEvent): void;
  onSample?(sample: Sample): void;
  /** Writes the reporter's output for a finished drill (also when re-rendering from result.json). */
  onDrillEnd?(result: DrillResult, runDir: string): void | Promise<void>;
}

export interface ReporterOptions {
  /** Where console output goes (stdout by default). */
  stream?: NodeJS.WriteStream;
}

export type ReporterFactory = (options: ReporterOptions) => Reporter;
