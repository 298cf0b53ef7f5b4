import type { Sample } from '../result/sample.js';

/** Above this many samples a result keeps every failure and state change, and thins the rest. */
export const maxSamplesInResult = 20_000;

/**
 * Keeps result.json readable for long drills: every failing sample and every change of a probe's
 * outcome stays, passing samples in long unchanged runs are thinned evenly.
 */
export function downsample(samples: readonly Sample[]): { samples: Sample[]; downsampled: boolean } {
  if (samples.length <= maxSamplesInResult) return { samples: [...samples], downsampled: false };
  const keepEvery = Math.ceil(samples.length / maxSamplesInResult);
  const last = new Map<string, boolean>();
  const kept = samples.filter((sample, index) => {
    const changed = last.get(sample.probe) !== sample.ok;
    last.set(sample.probe, sample.ok);
    return !sample.ok || changed || index % keepEvery === 0;
  });
  return { samples: kept, downsampled: true };
}
