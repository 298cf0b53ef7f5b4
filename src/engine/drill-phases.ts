import type { Clock } from '../common/clock.js';
import { DrillAbortedError } from '../common/errors.js';
import { formatDuration } from '../common/duration.js';
import type { FaultTimeline } from './fault-timeline.js';
import type { Journal } from './journal.js';
import type { LoadedScenario } from '../scenario/load.js';
import { findDetection, findRecovery, recoveryHorizon, type Recovery } from './measure/index.js';
import type { ProbeSet } from './probe-set.js';

/** The steady state must hold for the whole baseline: every steady sample passed, each probe sampled. */
export function checkBaseline(probes: ProbeSet, since: number): void {
  for (const probe of probes.withRole('steady')) {
    const samples = probes.samples.filter((s) => s.probe === probe.name && s.startedAt >= since);
    if (samples.length === 0) {
      throw new DrillAbortedError(`steady probe ${probe.name} took no sample during the baseline`, {
        hint: 'make the baseline longer than the probe interval and timeout',
      });
    }
    const failed = samples.find((s) => !s.ok);
    if (failed) {
      throw new DrillAbortedError(
        `the steady state did not hold during the baseline: ${probe.name} failed (${failed.detail ?? 'no detail'})`,
        { hint: 'the system must be healthy before a fault is injected; check the probe and the target' },
      );
    }
  }
}

interface WatchInput {
  drill: LoadedScenario['drill'];
  probes: ProbeSet;
  timeline: FaultTimeline;
  clock: Clock;
  journal: Journal;
  signal: AbortSignal;
}

/**
 * Waits, sampling all the while, until the system recovered (its stable window complete), the
 * detection signal was seen (when there is a detect probe), and every timed fault was reverted;
 * or until the recover deadline (t0 + timeouts.recover) passes.
 */
export async function watchRecovery(input: WatchInput): Promise<void> {
  const { drill, probes, timeline, clock, journal, signal } = input;
  let timelineDone = false;
  let timelineError: unknown;
  timeline.completion().then(
    () => (timelineDone = true),
    (error: unknown) => (timelineError = error ?? new Error('fault timeline failed')),
  );
  const tick = Math.min(...probes.configs.map((c) => c.interval), 250);
  const hasDetect = probes.withRole('detect').length > 0;
  const seen = { detected: false, recovered: false };
  for (;;) {
    await clock.sleep(tick, signal);
    if (timelineError !== undefined) throw timelineError;
    const t0 = timeline.firstEffectAt();
    if (t0 === undefined) continue;
    const faultStartedAt = [...timeline.records.values()].find((r) => r.effectAt === t0)?.startedAt;
    const query = {
      t0,
      ...(faultStartedAt !== undefined && { faultStartedAt }),
      samples: probes.samples,
      probes: probes.configs,
      stableFor: drill.stable_for,
      recoverTimeoutMs: drill.timeouts.recover,
    };
    const detection = findDetection(query);
    const recovery = findRecovery(query);
    if (detection.status === 'measured' && !seen.detected) {
      seen.detected = true;
      journal.record('detected', { at: detection.at, ttd: detection.ms, probe: detection.probe });
    }
    if (recovery.status === 'recovered' && !seen.recovered) {
      seen.recovered = true;
      journal.record('recovered', { at: recovery.at, ttr: recovery.at - t0, probe: recovery.probe });
    }
    const settled = isSettled(recovery, probes, t0, drill.stable_for);
    if (settled && (!hasDetect || seen.detected) && timelineDone) return;
    if (clock.now() > recoveryHorizon(query)) {
      // Name what was missing: recovery, detection, or a fault still being reverted.
      const missing = [
        ...(settled ? [] : ['recovery']),
        ...(hasDetect && !seen.detected ? ['detection'] : []),
        ...(timelineDone ? [] : ['the end of the fault timeline']),
      ];
      journal.record('recover.deadline', { after: formatDuration(drill.timeouts.recover), missing });
      return;
    }
  }
}

/** Whether more samples could still change the recovery answer. */
function isSettled(recovery: Recovery, probes: ProbeSet, t0: number, stableFor: number): boolean {
  switch (recovery.status) {
    case 'recovered':
    case 'not-measured':
      return true;
    case 'not-recovered':
      return false;
    case 'no-impact':
      // An impact can still show: wait for a full stable window of samples after t0 first.
      return probes
        .withRole('steady')
        .every(
          (p) => probes.samples.filter((s) => s.probe === p.name && s.startedAt >= t0).length >= stableFor,
        );
  }
}
