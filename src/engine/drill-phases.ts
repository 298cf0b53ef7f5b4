import type { Clock } from '../common/clock.js';
import { DrillAbortedError } from '../common/errors.js';
import { formatDuration } from '../common/duration.js';
import type { FaultTimeline } from './fault-timeline.js';
import type { Journal } from './journal.js';
import type { LoadedScenario } from '../scenario/load.js';
import { baselineRateFailure } from './measure/baseline.js';
import {
  LEDGER_SIGNAL,
  findDetection,
  findRecovery,
  rateRoundMs,
  recoveryHorizon,
  stableRounds,
  steadySignals,
  windowLast,
  type Recovery,
  type SignalSeries,
} from './measure/index.js';
import type { ProbeSet } from './probe-set.js';
import { quietStretch, RATE_LATENESS_MS } from './quiet-stretch.js';
import type { LiveTraffic } from './drill-traffic.js';

/**
 * Ends the baseline: after its configured length, waits until every steady probe has a sample of
 * its own from this baseline (a check that was still running, slowed by a busy machine, ends
 * within its timeout and then counts), at most until each steady probe's check in flight (one
 * started before the baseline included) and the next one could have ended, three times over.
 * Without it a check slower than the baseline left the probe with no sample and the drill aborted
 * although nothing had failed.
 */
export async function awaitBaselineSamples(
  probes: BaselineProbes,
  since: number,
  baselineEnd: number,
  clock: Clock,
  signal: AbortSignal,
): Promise<void> {
  const steady = probes.withRole('steady');
  // A check started just before the baseline may hold its probe until since + timeout; the next
  // tick's check then takes up to its timeout. A starved firedrill starts and ends them late (the
  // loaded etcd bench: ticks 1-1.6s late), so allow three such rounds before giving up.
  const deadline = Math.max(
    baselineEnd,
    ...steady.map((p) => Math.max(baselineEnd, since + p.timeout) + 3 * (p.interval + p.timeout)),
  );
  const poll = Math.min(50, ...steady.map((p) => p.interval));
  // Counted since the iteration began (ProbeSet.beginIteration at `since`).
  const unsampled = (): boolean => steady.some((p) => probes.baseline(p.name).samples === 0);
  while (unsampled() && clock.now() < deadline) {
    await clock.sleep(Math.min(poll, deadline - clock.now()), signal);
  }
}

/** What the baseline check reads of the probes (a ProbeSet). */
export type BaselineProbes = Pick<ProbeSet, 'baseline' | 'skippedTicks' | 'withRole' | 'configs'>;

/**
 * The steady state must hold for the whole baseline [since, now]: every steady sample passed, each
 * steady probe sampled, and no load request or ledger write sent in it was seen failing (load and
 * ledger are steady signals too: a baseline they disprove proves nothing, whatever the probes say).
 */
export function checkBaseline(
  probes: BaselineProbes,
  since: number,
  now: number,
  traffic?: LiveTraffic,
): void {
  checkSteadyProbes(probes);
  if (!traffic) return;
  const rates = steadySignals({
    samples: [],
    probes: [],
    requests: traffic.requests,
    writes: traffic.writes,
  });
  const failed = baselineRateFailure(rates, since, now);
  if (failed) {
    throw new DrillAbortedError(
      `the steady state did not hold during the baseline: ${failed.signal} failed (${failed.detail ?? 'no detail'})`,
      {
        hint:
          failed.signal === LEDGER_SIGNAL
            ? "the system must take the ledger's writes before a fault is injected; check the integrity section (url, write_timeout) and the target"
            : 'the system must serve the load before a fault is injected; check the load section (url, timeout) and the target',
      },
    );
  }
}

/** Every steady sample since the iteration began passed, each probe sampled (counted as they arrive). */
function checkSteadyProbes(probes: BaselineProbes): void {
  for (const probe of probes.withRole('steady')) {
    const baseline = probes.baseline(probe.name);
    if (baseline.samples === 0) {
      const skipped = probes.skippedTicks().get(probe.name) ?? 0;
      const why = skipped > 0 ? ` (its check was still running at ${skipped} ticks)` : '';
      throw new DrillAbortedError(`steady probe ${probe.name} took no sample during the baseline${why}`, {
        hint: 'make the baseline longer than the probe interval and timeout',
      });
    }
    const failed = baseline.firstFailure;
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
  /** The load's requests and the ledger's writes so far (steady signals too). */
  traffic?: () => LiveTraffic | undefined;
}

/**
 * Waits, sampling all the while, until the system recovered (its stable window complete, every
 * steady signal's observations settled: probes, load requests, ledger writes), the
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
    const live = input.traffic?.();
    const selected = drill.recovery?.signals;
    const signals = steadySignals({
      samples: probes.samples,
      probes: probes.configs,
      requests: live?.requests,
      writes: live?.writes,
      selected,
    });
    const query = {
      t0,
      ...(faultStartedAt !== undefined && { faultStartedAt }),
      samples: probes.samples,
      probes: probes.configs,
      signals,
      stableFor: drill.stable_for,
      recoverTimeoutMs: drill.timeouts.recover,
      roundMs: rateRoundMs(probes.configs, selected),
    };
    const detection = findDetection(query);
    const recovery = findRecovery(query);
    if (detection.status === 'measured' && !seen.detected) {
      seen.detected = true;
      journal.record('detected', { at: detection.at, ttd: detection.ms, signal: detection.signal });
    }
    const settleMs = live?.settleMs ?? 0;
    const settled = isSettled(recovery, signals, query, clock.now() - settleMs);
    const quiet = quietStretch({
      ...query,
      recovery,
      detection,
      pendingFrom: Math.min(
        probes.pendingFrom(),
        live ? clock.now() - settleMs - RATE_LATENESS_MS : Infinity,
      ),
    });
    // No impact yet: what passed since need not stay (a held fault would re-measure it every tick).
    if (quiet) probes.scope.skip(quiet.after, quiet.before);
    // Only once settled: a request or write still in flight could still break the window.
    if (recovery.status === 'recovered' && settled && !seen.recovered) {
      seen.recovered = true;
      journal.record('recovered', { at: recovery.at, ttr: recovery.at - t0, signal: recovery.signal });
    }
    const decided = settled && (!hasDetect || seen.detected);
    if (decided && timelineDone) return;
    const horizon = recoveryHorizon({
      ...query,
      probes: probes.withRole('steady').filter((p) => signals.some((s) => s.name === p.name)),
      ...(live && (live.requests || live.writes) && { rate: { roundMs: query.roundMs, settleMs } }),
    });
    if (clock.now() > horizon) {
      // Name what was missing: recovery, detection, or a fault still being reverted.
      const missing = [
        ...(settled ? [] : ['recovery']),
        ...(hasDetect && !seen.detected ? ['detection'] : []),
        ...(timelineDone ? [] : ['the end of the fault timeline']),
      ];
      journal.record('recover.deadline', { after: formatDuration(drill.timeouts.recover), missing });
      return;
    }
    if (decided && recovery.status !== 'no-impact') {
      // Later observations cannot change TTD or TTR: stop keeping them, and hold the fault.
      probes.scope.close(clock.now());
      return holdFault(input, horizon, () => ({ timelineDone, timelineError }));
    }
  }
}

/**
 * Detection and recovery are decided while a fault is still held (a soak): wait for the fault
 * timeline without recomputing anything (a fault held for hours would otherwise be re-measured
 * every tick over a growing series), up to the same deadline as before.
 */
async function holdFault(
  input: WatchInput,
  horizon: number,
  state: () => { timelineDone: boolean; timelineError: unknown },
): Promise<void> {
  const { drill, clock, journal, signal } = input;
  for (;;) {
    await clock.sleep(250, signal);
    const { timelineDone, timelineError } = state();
    if (timelineError !== undefined) throw timelineError;
    if (timelineDone) return;
    if (clock.now() > horizon) {
      journal.record('recover.deadline', {
        after: formatDuration(drill.timeouts.recover),
        missing: ['the end of the fault timeline'],
      });
      return;
    }
  }
}

/**
 * Whether more observations could still change the recovery answer. A load request or ledger
 * write still in flight is not an observation yet: the window counts as complete only once
 * everything sent before its end had time to settle (`settledBefore` = now − their timeout).
 */
function isSettled(
  recovery: Recovery,
  signals: readonly SignalSeries[],
  q: { t0: number; stableFor: number; roundMs: number },
  settledBefore: number,
): boolean {
  switch (recovery.status) {
    case 'recovered':
      return recovery.windowEnd <= settledBefore;
    case 'not-measured':
      return true;
    case 'not-recovered':
      return false;
    case 'no-impact': {
      // An impact can still show: wait for a full stable window of every signal after t0 first.
      const stableFor = stableRounds(q.stableFor);
      return signals.every((s) => {
        const last = windowLast(s, q.t0, stableFor, q.roundMs);
        return last !== undefined && last.at <= settledBefore;
      });
    }
  }
}
