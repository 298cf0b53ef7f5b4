import { join } from 'node:path';
import type { Clock } from '../common/clock.js';
import { createLogger, type Logger } from '../common/logger.js';
import type { Reporter } from '../reporters/reporter.js';
import { Journal } from './journal.js';
import { compactUtc, newRunId } from './run-id.js';
import { StateFile } from './state-file.js';
import { UndoStack } from './undo-stack.js';
import type { UndoEnvironment } from './undo-executor.js';

/** Everything one run writes to and records through. */
export interface RunSession {
  runId: string;
  runDir: string;
  logger: Logger;
  journal: Journal;
  state: StateFile;
  undo: UndoStack;
  reporters: readonly Reporter[];
}

export interface SessionOptions {
  scenario: string;
  outRoot: string;
  stateRoot: string;
  clock: Clock;
  reporters: readonly Reporter[];
  undoEnvironment: () => UndoEnvironment;
  logLevel?: string;
}

/** `reports/<scenario>/<UTC timestamp>-<runId>/`, its journal, log, state file and undo stack. */
export function openSession(options: SessionOptions): RunSession {
  const runId = newRunId();
  const runDir = join(options.outRoot, options.scenario, `${compactUtc(options.clock.wallTime(0))}-${runId}`);
  const logger = createLogger({
    file: join(runDir, 'firedrill.log'),
    level: options.logLevel ?? 'info',
  }).child({
    runId,
    scenario: options.scenario,
  });
  const journal = new Journal(join(runDir, 'events.ndjson'), options.clock, (event) => {
    logger.info({ event: event.type, ...event }, event.type);
    for (const reporter of options.reporters) reporter.onEvent?.(event);
  });
  const state = StateFile.create(options.stateRoot, {
    runId,
    scenario: options.scenario,
    pid: process.pid,
    startedAt: options.clock.wallTime(0).toISOString(),
  });
  const undo = new UndoStack(state, options.undoEnvironment);
  return { runId, runDir, logger, journal, state, undo, reporters: options.reporters };
}
