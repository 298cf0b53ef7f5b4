import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The one pino logger of a firedrill process. A run writes JSON lines to its run directory's
 * `firedrill.log`; callers derive child loggers carrying `runId`, `scenario` and `node`.
 */
export function createLogger(options: { file?: string; level?: string } = {}): Logger {
  const level = options.level ?? process.env.FIREDRILL_LOG_LEVEL ?? 'info';
  if (!options.file) return pino({ level, enabled: level !== 'silent' }, pino.destination(2));
  return pino({ level }, pino.destination({ dest: options.file, mkdir: true, sync: true }));
}

/** A logger that drops everything, for tests and commands that need none. */
export const silentLogger: Logger = pino({ level: 'silent' });
