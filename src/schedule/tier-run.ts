import type { WebhookConfig } from './schedule-schema.js';
import { buildNotification, sendWebhook, type DrillNotification, type Delivery } from './notifier.js';
import type { DrillOutcome, RunReason, ScheduleListener } from './schedule-events.js';

/** Runs one drill file to its outcome; never throws (a broken file is an `error` outcome). */
export type DrillLauncher = (file: string, signal: AbortSignal) => Promise<DrillOutcome>;

export type Send = (
  config: WebhookConfig,
  body: DrillNotification,
  signal?: AbortSignal,
) => Promise<Delivery>;

export interface TierRunRequest {
  tier: string;
  reason: RunReason;
  files: readonly string[];
}

export interface TierRunContext {
  /** The schedule file, named in notifications. */
  scheduleFile: string;
  launch: DrillLauncher;
  webhook?: WebhookConfig;
  send?: Send;
  onEvent: ScheduleListener;
  signal: AbortSignal;
}

/**
 * Runs a tier's drills one after another, each through the engine, and notifies about the
 * verdicts the webhook asks for. An abort stops after the drill in progress has reverted.
 */
export async function runTier(request: TierRunRequest, context: TierRunContext): Promise<DrillOutcome[]> {
  const { onEvent, signal } = context;
  const outcomes: DrillOutcome[] = [];
  onEvent({ type: 'tier.start', tier: request.tier, reason: request.reason, files: [...request.files] });
  if (request.files.length === 0) onEvent({ type: 'tier.empty', tier: request.tier });
  for (const file of request.files) {
    if (signal.aborted) break;
    onEvent({ type: 'drill.start', tier: request.tier, file });
    const outcome = await context.launch(file, signal);
    outcomes.push(outcome);
    onEvent({ type: 'drill.end', tier: request.tier, outcome });
    await notify(request.tier, outcome, context);
  }
  onEvent({ type: 'tier.end', tier: request.tier, outcomes });
  return outcomes;
}

async function notify(tier: string, outcome: DrillOutcome, context: TierRunContext): Promise<void> {
  const { webhook } = context;
  if (!webhook || !webhook.on.includes(outcome.verdict)) return;
  const body = buildNotification({
    schedule: context.scheduleFile,
    tier,
    file: outcome.file,
    ...(outcome.scenario !== undefined && { scenario: outcome.scenario }),
    verdict: outcome.verdict,
    reasons: outcome.reasons,
    ...(outcome.runDir !== undefined && { runDir: outcome.runDir }),
    ...(outcome.result && { result: outcome.result }),
  });
  // Delivered even while stopping: the drill has ended and someone may need to hear about it.
  const delivery = await (context.send ?? sendWebhook)(webhook, body);
  context.onEvent({ type: 'notified', tier, file: outcome.file, verdict: outcome.verdict, delivery });
}
