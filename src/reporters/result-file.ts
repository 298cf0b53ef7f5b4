import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageError, errorMessage } from '../common/errors.js';
import type { DrillResult } from '../result/index.js';
import { upgradeLegacyResult } from '../result/legacy-result.js';

const resultFileName = 'result.json';

// The fields the reports read; anything else in result.json passes through untouched, so a newer
// firedrill's additions (load, data, iterations) never make an older result unreadable.
const timeMeasurement = z.looseObject({
  status: z.enum(['measured', 'not-measured', 'not-detected', 'not-recovered']),
});
const resultShape = z.looseObject({
  schema: z.literal('firedrill.result/v1'),
  runId: z.string(),
  scenario: z.looseObject({ name: z.string(), file: z.string(), tags: z.array(z.string()).optional() }),
  environment: z.looseObject({ seed: z.number() }),
  clockOrigin: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  verdict: z.enum(['passed', 'failed', 'aborted', 'error']),
  reasons: z.array(z.string()),
  probes: z.array(z.looseObject({ name: z.string(), role: z.string(), interval: z.number() })),
  timeline: z.looseObject({ t0: z.number().optional(), faults: z.array(z.looseObject({ id: z.string() })) }),
  measurements: z
    .looseObject({ t0: z.number(), detect: timeMeasurement, recover: timeMeasurement })
    .optional(),
  objectives: z.array(
    z.looseObject({
      objective: z.string(),
      target: z.number(),
      measured: z.number().nullable(),
      status: z.enum(['passed', 'failed', 'not-measured']),
      display: z.object({ target: z.string(), measured: z.string() }),
    }),
  ),
  samples: z.array(
    z.looseObject({ probe: z.string(), startedAt: z.number(), endedAt: z.number(), ok: z.boolean() }),
  ),
  events: z.array(z.looseObject({ t: z.number(), type: z.string() })),
});

/** Reads and checks a run directory's result.json; a clear UsageError for anything else. */
export function readRunResult(runDir: string): DrillResult {
  const file = join(runDir, resultFileName);
  if (!existsSync(runDir) || !statSync(runDir).isDirectory())
    throw new UsageError(`${runDir} is not a directory`, {
      hint: 'pass a run directory such as reports/<scenario>/<timestamp>-<runId>',
    });
  if (!existsSync(file)) throw notARunDir(runDir);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${errorMessage(error)}`, {
      hint: 'the run may have been interrupted while writing it; run the drill again',
    });
  }
  upgradeLegacyResult(json);
  const parsed = resultShape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    throw new UsageError(
      `${file} is not a firedrill result (firedrill.result/v1): ${fieldPath(issue.path)}: ${issueText(issue.message)}`,
      { hint: 'result.json is written by `firedrill run`; re-render only run directories it made' },
    );
  }
  return parsed.data as unknown as DrillResult;
}

function notARunDir(dir: string): UsageError {
  if (existsSync(join(dir, 'events.ndjson')))
    return new UsageError(`${dir} has a journal but no ${resultFileName}: the run did not finish`, {
      hint: 'firedrill was stopped before it wrote the result; run `firedrill cleanup`, then the drill again',
    });
  const nested = readdirSync(dir, { withFileTypes: true }).some(
    (entry) =>
      entry.isDirectory() &&
      (existsSync(join(dir, entry.name, resultFileName)) || containsRuns(join(dir, entry.name))),
  );
  return new UsageError(`${dir} is not a run directory: it has no ${resultFileName}`, {
    hint: nested
      ? `it holds run directories: pass one of them, or build the history with \`firedrill report --index ${dir}\``
      : 'a run directory is reports/<scenario>/<timestamp>-<runId>/, written by `firedrill run`',
  });
}

function containsRuns(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some(
    (entry) => entry.isDirectory() && existsSync(join(dir, entry.name, resultFileName)),
  );
}

/** `objectives[0].status`, as the scenario errors name fields. */
function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

/** Zod's "Invalid input: expected object, received undefined" as "expected object, found nothing". */
function issueText(message: string): string {
  return message
    .replace(/^Invalid input: /, '')
    .replace(/received undefined$/, 'found nothing')
    .replace(/received /, 'found ');
}
