import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { formatDuration } from '../common/duration.js';
import { errorMessage } from '../common/errors.js';
import type { DrillResult, Verdict } from '../result/index.js';
import type { WebhookConfig } from './schedule-schema.js';

/** The JSON body a webhook receives (firedrill.notification/v1). */
export interface DrillNotification {
  schema: 'firedrill.notification/v1';
  /** The host, schedule file (absolute) and tier that ran the drill. */
  host: string;
  schedule: string;
  tier: string;
  scenario: string;
  file: string;
  verdict: Verdict;
  reason?: string;
  reasons: string[];
  runId?: string;
  /** Absolute: where the reports of the run are. */
  runDir?: string;
  startedAt?: string;
  endedAt?: string;
  /** The objectives table: target vs measured, as the reports show it. */
  objectives: Array<{ objective: string; target: string; measured: string; status: string; reason?: string }>;
}

export interface NotificationInput {
  schedule: string;
  tier: string;
  file: string;
  scenario?: string;
  verdict: Verdict;
  reasons: string[];
  runDir?: string;
  result?: DrillResult;
}

export function buildNotification(input: NotificationInput): DrillNotification {
  const { result } = input;
  return {
    schema: 'firedrill.notification/v1',
    host: hostname(),
    schedule: resolve(input.schedule),
    tier: input.tier,
    scenario: input.scenario ?? result?.scenario.name ?? input.file,
    file: input.file,
    verdict: input.verdict,
    ...(input.reasons[0] !== undefined && { reason: input.reasons[0] }),
    reasons: input.reasons,
    ...(result && { runId: result.runId, startedAt: result.startedAt, endedAt: result.endedAt }),
    ...(input.runDir !== undefined && { runDir: resolve(input.runDir) }),
    objectives: (result?.objectives ?? []).map((row) => ({
      objective: row.objective,
      target: row.display.target,
      measured: row.display.measured,
      status: row.status,
      ...(row.reason !== undefined && { reason: row.reason }),
    })),
  };
}

export type Delivery = { ok: true; status: number } | { ok: false; reason: string };

/**
 * POSTs the notification as JSON. Never throws: a webhook that is down must not stop the calendar,
 * so the outcome is returned for the caller to log.
 */
export async function sendWebhook(
  config: WebhookConfig,
  body: DrillNotification,
  signal?: AbortSignal,
): Promise<Delivery> {
  const timeout = AbortSignal.timeout(config.timeout);
  try {
    const response = await fetch(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'firedrill', ...config.headers },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    await response.body?.cancel();
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status} ${response.statusText}`.trim() };
    return { ok: true, status: response.status };
  } catch (error) {
    if (timeout.aborted) return { ok: false, reason: `no answer within ${formatDuration(config.timeout)}` };
    const cause = (error as { cause?: unknown }).cause;
    return {
      ok: false,
      reason: cause ? `${errorMessage(error)}: ${errorMessage(cause)}` : errorMessage(error),
    };
  }
}
