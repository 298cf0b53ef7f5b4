/** Maps a data interval onto a pixel interval. */
export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((value: number) => r0 + ((value - d0) / span) * (r1 - r0)) as Scale;
  scale.domain = domain;
  return scale;
}

const timeSteps = [
  50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  900_000, 1_800_000, 3_600_000,
];

/** Tick positions every "round" step (100ms, 1s, 5s, 1m...), aligned on `origin` (t0), about `count` of them. */
export function timeTicks(domain: readonly [number, number], origin: number, count = 8): number[] {
  const span = domain[1] - domain[0];
  const step = timeSteps.find((s) => span / s <= count) ?? timeSteps.at(-1)!;
  const first = origin + Math.ceil((domain[0] - origin) / step) * step;
  const ticks: number[] = [];
  for (let t = first; t <= domain[1] + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** A "nice" upper bound for a value axis: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((m) => m * power).find((v) => v >= max) ?? 10 * power) as number;
}

/** Rounds pixel coordinates so the SVG stays small and diffs stay readable. */
export function px(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
