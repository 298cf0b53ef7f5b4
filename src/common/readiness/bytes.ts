const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

export function gib(n: number): number {
  return n * GIB;
}

/** `78.1 GiB`, `512 MiB`. */
export function formatBytes(bytes: number): string {
  return bytes >= GIB ? `${(bytes / GIB).toFixed(1)} GiB` : `${Math.round(bytes / MIB)} MiB`;
}
