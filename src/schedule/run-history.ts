import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Verdict } from '../result/index.js';

/** How a drill stopped by SIGINT/SIGTERM (a user, or the schedule daemon stopping) explains itself. */
export const INTERRUPTED_PREFIX = 'interrupted by ';

/** One past run, as the calendar sees it. */
export interface RunRecord {
  scenario: string;
  runDir: string;
  startedAt: Date;
  verdict: Verdict;
  tier?: string;
}

// Only what the calendar needs; the rest of result.json (firedrill.result/v1) is not read here.
const resultHead = z.looseObject({
  schema: z.literal('firedrill.result/v1'),
  scenario: z.looseObject({ name: z.string(), tier: z.string().optional() }),
  startedAt: z.iso.datetime(),
  verdict: z.enum(['passed', 'failed', 'aborted', 'error']),
  reason: z.string().optional(),
});

/**
 * The latest run of each scenario that counts as "the drill was done", from
 * `<reports>/<scenario>/<UTC timestamp>-<runId>/result.json`. Any verdict counts (a failed drill
 * was still drilled), except a drill interrupted by a signal: it did not get to its verdict, so
 * the calendar still owes it. A run without result.json (firedrill was killed) does not count either.
 */
export async function latestRuns(reportsDir: string): Promise<Map<string, RunRecord>> {
  const latest = new Map<string, RunRecord>();
  for (const scenario of await subdirectories(reportsDir)) {
    // Run directories start with a compact UTC timestamp: newest last as text.
    const runs = (await subdirectories(join(reportsDir, scenario))).sort().reverse();
    for (const run of runs) {
      const record = await readRunRecord(join(reportsDir, scenario, run));
      if (record && !isInterrupted(record)) {
        latest.set(record.record.scenario, record.record);
        break;
      }
    }
  }
  return latest;
}

async function readRunRecord(runDir: string): Promise<{ record: RunRecord; reason?: string } | undefined> {
  let parsed;
  try {
    parsed = resultHead.safeParse(JSON.parse(await readFile(join(runDir, 'result.json'), 'utf8')));
  } catch {
    return undefined; // Missing or half-written: the run never finished.
  }
  if (!parsed.success) return undefined;
  const { scenario, startedAt, verdict, reason } = parsed.data;
  return {
    record: {
      scenario: scenario.name,
      runDir,
      startedAt: new Date(startedAt),
      verdict,
      ...(scenario.tier !== undefined && { tier: scenario.tier }),
    },
    ...(reason !== undefined && { reason }),
  };
}

function isInterrupted(run: { record: RunRecord; reason?: string }): boolean {
  return run.record.verdict === 'aborted' && (run.reason?.startsWith(INTERRUPTED_PREFIX) ?? false);
}

async function subdirectories(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return []; // No reports yet: nothing has run.
  }
}
