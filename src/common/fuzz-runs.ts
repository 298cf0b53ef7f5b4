/**
 * How many cases a property test tries: the given number in `npm test`, multiplied by
 * FIREDRILL_FUZZ_FACTOR (set by `npm run fuzz`) for a longer search with the same properties.
 */
export function fuzzRuns(base: number): number {
  const factor = Number(process.env.FIREDRILL_FUZZ_FACTOR ?? '1');
  return Number.isFinite(factor) && factor >= 1 ? Math.round(base * factor) : base;
}

/** A fixed seed in `npm test`, so a failure reproduces; FIREDRILL_FUZZ_SEED explores others. */
export const fuzzSeed = Number(process.env.FIREDRILL_FUZZ_SEED ?? 20261207);
