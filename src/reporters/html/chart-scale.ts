/** Maps a data interval onto a pixel interval. */
export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
}

// Every value comes from result.json, where any finite double is valid: halving both ends keeps
// `d1 - d0` finite for [-1e308, 1e308], and a value far outside the domain maps far outside the
// range, where `px` clamps it.
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 / 2 - d0 / 2 || 1;
  const scale = ((value: number) => r0 + ((value / 2 - d0 / 2) / span) * (r1 - r0)) as Scale;
  scale.domain = domain;
  return scale;
}

/** Never more ticks than this on an axis, whatever the domain. */
export const maxTicks = 20;

const timeSteps = [
  50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  900_000, 1_800_000, 3_600_000,
];

/**
 * Tick positions every "round" step (100ms, 1s, 5s, 1m... then 1, 2 or 5 times a power of ten
 * hours), aligned on `origin` (t0), about `count` of them and never more than `maxTicks`.
 */
export function timeTicks(domain: readonly [number, number], origin: number, count = 8): number[] {
  const [start, end] = domain;
  const span = end / 2 - start / 2;
  if (!Number.isFinite(span) || !Number.isFinite(origin) || span < 0) return [];
  const step =
    timeSteps.find((s) => span / s <= count / 2) ?? 3_600_000 * niceMax(span / 3_600_000 / (count / 2));
  const first = origin + Math.ceil((start - origin) / step) * step;
  const ticks: number[] = [];
  // Past 2^53 adding a step may not change t: the count, not the sum, ends the loop.
  for (let i = 0, t = first; i < maxTicks && t <= end + 1e-9 && Number.isFinite(t); i++, t = first + i * step)
    ticks.push(t);
  return ticks;
}

/** A "nice" upper bound for a value axis: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  if (!Number.isFinite(max)) return Number.MAX_VALUE;
  const power = 10 ** Math.floor(Math.log10(max));
  const nice = [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max) ?? 10 * power;
  // Near Number.MAX_VALUE the next round number overflows: the value itself is the bound then.
  return Number.isFinite(nice) ? nice : max;
}

/** Pixels in an SVG: far outside any chart when clamped, so a huge value never prints as `NaN` or `1e+300`. */
const pixelLimit = 100_000;

/** Rounds pixel coordinates so the SVG stays small and diffs stay readable. */
export function px(value: number): string {
  if (Number.isNaN(value)) return '0';
  const clamped = Math.min(pixelLimit, Math.max(-pixelLimit, value));
  return (Math.round(clamped * 10) / 10).toString();
}
