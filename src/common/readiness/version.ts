/** `v20.19.1`, `20.19`, `2.12.0-rc1` → [20, 19, 1]; undefined when there is no leading number. */
export function parseVersion(text: string): number[] | undefined {
  const match = /^v?(\d+(?:\.\d+)*)/.exec(text.trim());
  return match?.[1]?.split('.').map(Number);
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b`; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) throw new RangeError(`cannot compare versions "${a}" and "${b}"`);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function isAtLeast(version: string, minimum: string): boolean {
  return parseVersion(version) !== undefined && compareVersions(version, minimum) >= 0;
}
