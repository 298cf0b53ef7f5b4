/**
 * The TCP container ports a compose service publishes (`ports:`, short or long syntax) or exposes
 * (`expose:`), in order, without duplicates. A drill publishes each on 127.0.0.1 itself, so the
 * host side of a mapping does not matter; UDP ports are left out (probes speak TCP), and a range
 * counts its first 16 ports.
 */
export function composePorts(service: Record<string, unknown>): number[] {
  const entries = [service.ports, service.expose].flatMap((list) => (Array.isArray(list) ? list : []));
  const ports = entries.flatMap((entry) => containerPorts(entry));
  return [...new Set(ports)];
}

function containerPorts(entry: unknown): number[] {
  if (typeof entry === 'number') return [entry];
  if (typeof entry === 'object' && entry !== null) {
    const { target, protocol } = entry as { target?: unknown; protocol?: unknown };
    return protocol === 'udp' || target === undefined ? [] : portRange(String(target));
  }
  // [[host ip:]host port[-range]:]container port[-range][/protocol]
  const [spec = '', protocol = 'tcp'] = String(entry).split('/');
  if (protocol !== 'tcp') return [];
  return portRange(spec.slice(spec.lastIndexOf(':') + 1));
}

function portRange(text: string): number[] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) return [];
  const first = Number(match[1]);
  const last = Math.min(Number(match[2] ?? first), first + 15);
  const ports: number[] = [];
  for (let port = first; port <= last; port++) if (port >= 1 && port <= 65535) ports.push(port);
  return ports;
}
