import { isAbsolute, relative } from 'node:path';
import type { ScheduleEvent } from './schedule-events.js';
import { formatZoned } from './zoned-time.js';

export interface EventTextOptions {
  timezone: string;
  /** Files are shown relative to it. */
  cwd: string;
}

/** One or more lines saying what the schedule did; empty when the event is not worth a line. */
export function describeScheduleEvent(event: ScheduleEvent, options: EventTextOptions): string[] {
  const when = (date: Date): string => formatZoned(date, options.timezone);
  const file = (path: string): string => displayPath(options.cwd, path);
  switch (event.type) {
    case 'started':
      return [
        `schedule started (${options.timezone}); stop with Ctrl-C or SIGTERM`,
        ...event.tiers.map(
          (t) => `  ${t.name.padEnd(12)} ${t.cron.padEnd(18)} next ${t.next ? when(t.next) : 'never'}`,
        ),
      ];
    case 'missed':
      return [
        `missed: ${event.tier} fired ${when(event.lastFire)}` +
          (event.scenarios.length > 0 ? ` and ${event.scenarios.join(', ')} did not run since` : ' unseen') +
          (event.catchUp ? '; catching up now' : '; run with --catch-up (or --due) to run it'),
      ];
    case 'fired':
      return [`${event.tier}: due (${when(event.at)})`];
    case 'queued':
      return [
        event.behind === event.tier
          ? `${event.tier}: due again while its drills run; runs once more after them`
          : `${event.tier}: waits for ${event.behind} to finish (one drill at a time)`,
      ];
    case 'already-waiting':
      return [`${event.tier}: due again while waiting; it runs once`];
    case 'tier.start':
      return [
        `${event.tier}: running ${event.files.length} drill${event.files.length === 1 ? '' : 's'} (${event.reason})`,
      ];
    case 'tier.empty':
      return [`${event.tier}: no drill file matches its scenarios; nothing to run`];
    case 'drill.start':
      return [`${event.tier}: drill ${file(event.file)}`];
    case 'drill.end': {
      const { outcome } = event;
      const where = outcome.runDir ? ` (${file(outcome.runDir)})` : '';
      const why = outcome.reasons[0] ? `: ${outcome.reasons[0]}` : '';
      return [`${event.tier}: ${outcome.scenario ?? file(outcome.file)} ${outcome.verdict}${why}${where}`];
    }
    case 'notified':
      return [
        event.delivery.ok
          ? `${event.tier}: webhook notified (${event.verdict}, HTTP ${event.delivery.status})`
          : `${event.tier}: webhook notification failed: ${event.delivery.reason}`,
      ];
    case 'tier.end':
      return [`${event.tier}: done (${summary(event.outcomes.map((o) => o.verdict))})`];
    case 'stopping':
      return [
        `stopping: ${event.reason}` +
          (event.dropped.length > 0 ? `; not running waiting tiers ${event.dropped.join(', ')}` : ''),
      ];
    case 'stopped':
      return ['schedule stopped'];
  }
}

function summary(verdicts: string[]): string {
  if (verdicts.length === 0) return 'nothing ran';
  const counts = new Map<string, number>();
  for (const v of verdicts) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([verdict, n]) => `${n} ${verdict}`).join(', ');
}

/** A path relative to the working directory when it lies below it, else as it is. */
export function displayPath(cwd: string, path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
