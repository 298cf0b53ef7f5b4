import type { StarterNode, StarterPort } from './starter-system.js';

/** A probe entry of the starter drill, with the comment that says where it came from. */
export interface StarterProbe {
  comment: string;
  probe: Record<string, unknown>;
}

/** One steady probe per reachable port: http where GET / answered HTTP, else tcp. */
export function starterProbes(nodes: readonly StarterNode[]): StarterProbe[] {
  return nodes.flatMap((node) =>
    node.ports.length > 0 ? node.ports.map((port) => portProbe(node.name, port)) : [runningProbe(node.name)],
  );
}

function portProbe(node: string, port: StarterPort): StarterProbe {
  const host = `\${nodes.${node}.host}`;
  const hostPort = `\${nodes.${node}.port.${port.container}}`;
  if (port.protocol === 'tcp') {
    return {
      comment: ` Port ${port.container} accepts connections (switch to type: http for an HTTP service).`,
      probe: { name: `${node}-tcp-${port.container}`, type: 'tcp', role: 'steady', host, port: hostPort },
    };
  }
  const status = port.httpStatus ?? 200;
  // A 5xx when init looked is a sick service, not its steady state: expect 2xx anyway.
  const expected = status >= 500 ? '2xx' : `${Math.floor(status / 100)}xx`;
  return {
    comment:
      ` GET / on port ${port.container} answered ${status} when init looked` +
      (status >= 500 ? ': it must answer 2xx in the steady state.' : '; point it at a health endpoint.'),
    probe: {
      name: `${node}-http-${port.container}`,
      type: 'http',
      role: 'steady',
      url: `http://${host}:${hostPort}/`,
      status: expected,
    },
  };
}

function runningProbe(node: string): StarterProbe {
  return {
    comment: ` ${node} publishes no port: this only checks that it runs commands. Replace it with a real check.`,
    probe: { name: `${node}-running`, type: 'exec', role: 'steady', node, command: ['true'] },
  };
}
