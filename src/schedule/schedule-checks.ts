import type * as NodeCron from 'node-cron';
import { loadOnDemand } from '../common/load-on-demand.js';
import { didYouMean } from '../scenario/did-you-mean.js';
import { describeValue } from '../scenario/describe-value.js';
import { recordOf, type Finding } from '../scenario/finding.js';
import { globProblem } from './glob.js';
import { namedTierCrons } from './schedule-schema.js';
import { isTimeZone, knownTimeZones } from './zoned-time.js';

const CRON_EXAMPLE = 'a cron expression "minute hour day-of-month month day-of-week", e.g. "0 3 * * 1"';

/** Checks the schema cannot express: a real time zone, crons node-cron accepts, a cron for every custom tier. */
export function scheduleFindings(data: unknown): Finding[] {
  const doc = recordOf(data);
  const findings: Finding[] = [];
  const zone = doc.timezone;
  if (typeof zone === 'string' && !isTimeZone(zone)) {
    findings.push({
      path: ['timezone'],
      message: 'unknown time zone',
      expected: 'an IANA time zone such as Europe/Berlin, America/New_York or UTC',
      found: describeValue(zone),
      hint: didYouMean(zone, knownTimeZones()) ?? 'see the "TZ identifier" column of the tz database list',
    });
  }
  const tiers = doc.tiers;
  if (tiers !== undefined && tiers !== null && typeof tiers === 'object' && Object.keys(tiers).length === 0)
    findings.push({
      path: ['tiers'],
      message: 'a schedule needs at least one tier',
      expected: 'weekly, monthly...',
      hint: "add a tier, e.g.  weekly: { scenarios: ['drills/*.yaml'] }",
    });
  for (const [name, value] of Object.entries(recordOf(tiers))) findings.push(...tierFindings(name, value));
  return findings;
}

function tierFindings(name: string, value: unknown): Finding[] {
  return [...cronFindings(name, value), ...globFindings(name, value)];
}

/** Each scenario pattern must make a glob (`[z-a]*.yaml` does not). */
function globFindings(name: string, value: unknown): Finding[] {
  const patterns = recordOf(value).scenarios;
  if (!Array.isArray(patterns)) return [];
  return patterns.flatMap((pattern: unknown, i) => {
    const problem = typeof pattern === 'string' ? globProblem(pattern) : undefined;
    if (!problem) return [];
    return [
      {
        path: ['tiers', name, 'scenarios', i],
        message: problem,
        expected: 'a path or glob: * and ? within a name, ** across directories, {a,b}, [a-z]',
        found: describeValue(pattern),
        hint: 'write ranges low to high ([a-z], not [z-a]), or escape the bracket',
      },
    ];
  });
}

function cronFindings(name: string, value: unknown): Finding[] {
  const cron = recordOf(value).cron;
  if (cron === undefined) {
    if (Object.hasOwn(namedTierCrons, name) || value === null || typeof value !== 'object') return [];
    return [
      {
        path: ['tiers', name],
        message: `tier "${name}" needs a cron: only weekly, monthly, quarterly and annually have a default`,
        expected: CRON_EXAMPLE,
        hint:
          didYouMean(name, Object.keys(namedTierCrons)) ??
          `add  cron: '0 3 * * *'  (daily at 03:00) to "${name}"`,
      },
    ];
  }
  if (typeof cron !== 'string') return [];
  const result = loadOnDemand<typeof NodeCron>('node-cron').validateDetailed(cron);
  if (result.valid) return [];
  return result.errors.map((error) => ({
    path: ['tiers', name, 'cron'],
    message:
      error.field === 'expression'
        ? `invalid cron expression: ${error.message}`
        : `invalid cron ${fieldNames[error.field] ?? error.field} field ${describeValue(error.value)}`,
    expected: CRON_EXAMPLE,
    found: describeValue(cron),
    hint: 'fields take numbers, ranges (1-5), lists (1,15), steps (*/10) and names (mon, jan)',
  }));
}

const fieldNames: Record<string, string> = {
  second: 'second',
  minute: 'minute',
  hour: 'hour',
  dayOfMonth: 'day-of-month',
  month: 'month',
  dayOfWeek: 'day-of-week',
};
