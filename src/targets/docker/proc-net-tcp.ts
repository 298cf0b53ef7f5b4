/** TCP state LISTEN in /proc/net/tcp. */
const LISTEN = '0A';

/**
 * The ports something listens on, read from /proc/net/tcp and /proc/net/tcp6 text:
 * `  0: 00000000:1F90 00000000:0000 0A ...` is port 8080 (hex) listening.
 */
export function listeningPorts(procNetTcp: string): Set<number> {
  const ports = new Set<number>();
  for (const line of procNetTcp.split('\n')) {
    const [, local, , state] = line.trim().split(/\s+/);
    if (state !== LISTEN || !local) continue;
    const port = Number.parseInt(local.split(':').pop() ?? '', 16);
    if (Number.isInteger(port) && port > 0) ports.add(port);
  }
  return ports;
}
