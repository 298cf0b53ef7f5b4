import { z } from 'zod';
import { timeoutDuration } from '../common/duration.js';
import type { Verdict } from '../result/index.js';
import { API_VERSION } from '../scenario/objectives.js';

/** The cron of each named tier when the file gives none (node-cron syntax, in the schedule's zone). */
export const namedTierCrons = {
  /** Mondays at 03:00. */
  weekly: '0 3 * * 1',
  /** The 1st of every month at 03:00. */
  monthly: '0 3 1 * *',
  /** The 1st of January, April, July and October at 03:00. */
  quarterly: '0 3 1 1,4,7,10 *',
  /** The 1st of January at 03:00. */
  annually: '0 3 1 1 *',
} as const;

export type NamedTier = keyof typeof namedTierCrons;

const verdicts = ['passed', 'failed', 'aborted', 'error'] as const satisfies readonly Verdict[];

const tierNameMessage = "expected a lowercase tier name of a-z, 0-9 and '-', e.g. weekly or nightly-smoke";

const tier = z
  .strictObject({
    cron: z
      .string()
      .optional()
      .meta({
        description:
          'When the tier fires: a cron expression (5 fields, or 6 with seconds first) in the schedule timezone. ' +
          `Defaults: weekly "${namedTierCrons.weekly}", monthly "${namedTierCrons.monthly}", ` +
          `quarterly "${namedTierCrons.quarterly}", annually "${namedTierCrons.annually}"; other tiers need one.`,
      }),
    scenarios: z
      .array(z.string().min(1, { error: 'expected a file path or glob' }))
      .min(1, { error: 'a tier needs at least one scenario file or glob' })
      .meta({
        description:
          'Drill files this tier runs, in order: paths or globs (*, **, ?, {a,b}) relative to the schedule file.',
      }),
    enabled: z
      .boolean()
      .default(true)
      .meta({ description: 'false keeps the tier in the file without scheduling it (default true).' }),
    description: z.string().optional(),
  })
  .meta({ description: 'A tier of the drill calendar: when it fires and the drills it runs.' });

const webhook = z
  .strictObject({
    url: z.url({
      protocol: /^https?$/,
      error: 'expected an http(s) URL such as https://hooks.example.com/drills',
    }),
    on: z
      .array(z.enum(verdicts))
      .min(1)
      .default(['failed', 'error'])
      .meta({ description: 'Verdicts that send a notification (default failed and error).' }),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'Extra request headers, e.g. Authorization: "Bearer ${env.DRILL_HOOK_TOKEN}".' }),
    timeout: timeoutDuration
      .prefault('10s')
      .meta({ description: 'How long a delivery may take (default 10s; 1ms to 24h).' }),
  })
  .meta({ description: 'POST a JSON body describing the drill to a URL.' });

export const scheduleSchema = z
  .strictObject({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Schedule'),
    description: z.string().optional(),
    timezone: z
      .string()
      .default('UTC')
      .meta({ description: 'IANA time zone the crons are read in, e.g. Europe/Berlin (default UTC).' }),
    tiers: z.record(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: tierNameMessage }), tier).meta({
      description: 'The calendar: tiers by name (weekly, monthly, quarterly, annually or your own).',
    }),
    notify: z.strictObject({ webhook }).optional().meta({ description: 'Where to report failed drills.' }),
    reports: z
      .string()
      .min(1)
      .default('reports')
      .meta({
        description:
          'Root of the run directories, relative to the working directory like `run --out` (default reports). ' +
          'Its history decides what is due.',
      }),
    catch_up: z
      .boolean()
      .default(false)
      .meta({ description: 'Run a tier missed while the daemon was down once at start (default false).' }),
  })
  .meta({
    title: 'firedrill schedule',
    description: 'The drill calendar: tiers of drills on cron schedules, and who hears about failures.',
  });

export type Schedule = z.output<typeof scheduleSchema>;
export type TierConfig = Schedule['tiers'][string];
export type WebhookConfig = NonNullable<Schedule['notify']>['webhook'];
