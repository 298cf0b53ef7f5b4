import { formatDuration } from '../../common/duration.js';
import type { TimeMeasurement } from '../../result/index.js';
import type { Recovery } from './recovery.js';
import { probesWithRole, type ProbeInfo } from './series.js';
import { measured, notMeasured } from './time-measurement.js';

interface TimesInput {
  t0: number;
  probes: readonly ProbeInfo[];
  recoverTimeoutMs: number;
}

/** TTR from the recovery found: t_r − t0, 0 without impact, `> timeout` when it never came. */
export function timeToRecover(recovery: Recovery, input: TimesInput): TimeMeasurement {
  switch (recovery.status) {
    case 'not-measured':
      return notMeasured(recovery.reason);
    case 'no-impact': {
      // A failure shorter than the steady probes' interval could hide between samples.
      const ms = Math.max(0, ...probesWithRole(input.probes, 'steady').map((p) => p.interval));
      return measured(
        0,
        { ms, basis: 'sampling interval' },
        { at: input.t0, note: 'no steady signal failed after the fault' },
      );
    }
    case 'recovered':
      return measured(recovery.at - input.t0, recovery.resolution, {
        at: recovery.at,
        signal: recovery.signal,
      });
    case 'not-recovered':
      return {
        status: 'not-recovered',
        exceeds: input.recoverTimeoutMs,
        reason: `steady state did not hold again within the recover timeout of ${formatDuration(input.recoverTimeoutMs)}`,
      };
  }
}

/** t_r − t_d, uncertain by both figures' bounds. */
export function afterDetection(
  detect: TimeMeasurement,
  recover: TimeMeasurement,
  recovery: Recovery,
  input: TimesInput,
): TimeMeasurement {
  if (detect.status === 'not-measured') return notMeasured(detect.reason);
  if (detect.status !== 'measured') return notMeasured('the fault was not detected');
  if (recovery.status === 'no-impact') return notMeasured('the fault had no visible impact');
  if (recover.status === 'not-recovered') {
    const exceeds = input.recoverTimeoutMs - detect.ms;
    return { status: 'not-recovered', exceeds, reason: recover.reason };
  }
  if (recover.status !== 'measured') return recover;
  const at = recover.at !== undefined ? { at: recover.at } : {};
  const ms = recover.resolution.ms + detect.resolution.ms;
  return measured(recover.ms - detect.ms, { ms, basis: 'sum of both bounds' }, at);
}
