import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino, type Logger } from 'pino';
import { openAppendSafely } from './safe-write.js';

export type { Logger };

/**
 * The one pino logger of a firedrill process. A run writes JSON lines to its run directory's
 * `firedrill.log`; callers derive child loggers carrying `runId`, `scenario` and `node`.
 */
export function createLogger(options: { file?: string; level?: string } = {}): Logger {
  const level = options.level ?? process.env.FIREDRILL_LOG_LEVEL ?? 'info';
  if (!options.file) return pino({ level, enabled: level !== 'silent' }, pino.destination(2));
  mkdirSync(dirname(options.file), { recursive: true });
  // Appended through a descriptor opened without following symlinks (see safe-write).
  return pino({ level }, pino.destination({ dest: openAppendSafely(options.file), sync: true }));
}

/** A logger that drops everything, for tests and commands that need none. */
export const silentLogger: Logger = pino({ level: 'silent' });
