import { z } from 'zod';
import { duration, timeoutDuration } from '../../common/duration.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const badName = (what: string, found: string): string =>
  `expected a ${what} name of letters, digits, - and _ (no dots: names are used in \${nodes.<node>.port.<port>}), found "${found}"`;
const name = (what: string) =>
  z.string().regex(NAME, { error: (issue) => badName(what, String(issue.input)) });

const PORT_EXPECTED = "expected a port number (1-65535) or 'auto'";
const port = z.union(
  [
    z
      .number()
      .int({ error: PORT_EXPECTED })
      .min(1, { error: PORT_EXPECTED })
      .max(65535, { error: PORT_EXPECTED }),
    z.literal('auto'),
  ],
  { error: PORT_EXPECTED },
);

// YAML reads `PORT: 8080` as a number: accept it rather than make every user quote it.
const envValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const processNodeSchema = z.strictObject({
  command: z.union([z.string().min(1), z.array(z.string()).min(1)]).meta({
    description:
      'A string runs through /bin/sh -c; a list is the program and its arguments. May use ${port.<name>}.',
  }),
  cwd: z
    .string()
    .optional()
    .meta({ description: "Working directory, relative to the scenario's directory." }),
  env: z.record(z.string(), envValue).optional().meta({ description: 'Extra environment variables.' }),
  ports: z
    .record(z.string(), port)
    .optional()
    .meta({ description: "Named ports: a number, or 'auto' for a free 127.0.0.1 port picked at start." }),
  restart: z
    .strictObject({
      policy: z.enum(['always', 'on-failure', 'never']).default('never'),
      delay: duration
        .default(1000)
        .meta({ description: 'Wait after an exit before restarting (default 1s).' }),
    })
    .prefault({})
    .meta({
      description: 'What the supervisor does when the process exits by itself (default: never restart).',
    }),
  ready: z
    .strictObject({
      tcp: name('port').optional().meta({ description: 'Ready once this named port accepts connections.' }),
      http: z
        .string()
        .startsWith('/')
        .optional()
        .meta({ description: 'Ready once GET of this path answers 2xx/3xx.' }),
      port: name('port')
        .optional()
        .meta({ description: 'Port for `http` (default: the only declared port).' }),
      timeout: timeoutDuration
        .default(30_000)
        .meta({ description: 'Give up starting after this long (default 30s; 1ms to 24h).' }),
    })
    .optional(),
  stop_timeout: duration
    .default(5000)
    .meta({ description: 'Grace period between SIGTERM and SIGKILL when stopping (default 5s).' }),
  data_dirs: z
    .array(z.string().min(1))
    .optional()
    .meta({ description: 'Data directories that disk faults may fill.' }),
});

export const processTargetSchema = z
  .strictObject({
    type: z.literal('process'),
    nodes: z
      .record(z.string(), processNodeSchema)
      .refine((nodes) => Object.keys(nodes).length > 0, { error: 'declare at least one node' }),
  })
  .superRefine((target, ctx) => {
    for (const [nodeName, node] of Object.entries(target.nodes)) {
      if (!NAME.test(nodeName))
        ctx.addIssue({ code: 'custom', message: badName('node', nodeName), path: ['nodes', nodeName] });
      for (const portName of Object.keys(node.ports ?? {})) {
        if (!NAME.test(portName))
          ctx.addIssue({
            code: 'custom',
            message: badName('port', portName),
            path: ['nodes', nodeName, 'ports', portName],
          });
      }
      for (const issue of nodeProblems(node, target.nodes)) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: ['nodes', nodeName, ...issue.path] });
      }
    }
  });

export type ProcessNodeConfig = z.output<typeof processNodeSchema>;
export type ProcessTargetConfig = z.output<typeof processTargetSchema>;

interface NodeProblem {
  path: (string | number)[];
  message: string;
}

/** Cross-field checks: ready and templates must name ports that exist. */
function nodeProblems(node: ProcessNodeConfig, all: Record<string, ProcessNodeConfig>): NodeProblem[] {
  const problems: NodeProblem[] = [];
  const ports = Object.keys(node.ports ?? {});
  const portList = ports.length ? ports.join(', ') : 'none declared';
  const { ready } = node;
  if (ready) {
    if (!ready.tcp && !ready.http)
      problems.push({ path: ['ready'], message: 'ready needs `tcp: <port name>` or `http: <path>`' });
    for (const key of ['tcp', 'port'] as const) {
      const wanted = ready[key];
      if (wanted && !ports.includes(wanted))
        problems.push({ path: ['ready', key], message: `unknown port "${wanted}" (ports: ${portList})` });
    }
    if (ready.http && !ready.port && ports.length !== 1)
      problems.push({
        path: ['ready', 'port'],
        message: `ready.http needs \`port: <name>\` (ports: ${portList})`,
      });
  }
  for (const [path, text] of templatedStrings(node)) {
    for (const ref of templateRefs(text)) {
      const message = checkRef(ref, ports, all);
      if (message) problems.push({ path, message });
    }
  }
  return problems;
}

function* templatedStrings(node: ProcessNodeConfig): Generator<[(string | number)[], string]> {
  if (typeof node.command === 'string') yield [['command'], node.command];
  else for (const [i, arg] of node.command.entries()) yield [['command', i], arg];
  if (node.cwd !== undefined) yield [['cwd'], node.cwd];
  for (const [key, value] of Object.entries(node.env ?? {})) yield [['env', key], value];
}

export const TEMPLATE = /\$\{([^}]+)\}/g;

function templateRefs(text: string): string[] {
  return [...text.matchAll(TEMPLATE)].map((m) => (m[1] ?? '').trim());
}

/** `${port.x}` and `${nodes.n.port.x}` / `${nodes.n.host}` must exist; other refs are left to the scenario. */
function checkRef(ref: string, ports: string[], all: Record<string, ProcessNodeConfig>): string | undefined {
  const parts = ref.split('.');
  if (parts[0] === 'port') {
    if (parts.length === 2 && ports.includes(parts[1] ?? '')) return undefined;
    return `\${${ref}}: no such port on this node (ports: ${ports.join(', ') || 'none declared'})`;
  }
  if (parts[0] !== 'nodes') return undefined;
  const other = all[parts[1] ?? ''];
  if (!other) return `\${${ref}}: no node "${parts[1]}" (nodes: ${Object.keys(all).join(', ')})`;
  if (parts.length === 3 && parts[2] === 'host') return undefined;
  if (parts.length === 4 && parts[2] === 'port' && (parts[3] ?? '') in (other.ports ?? {})) return undefined;
  return `\${${ref}}: expected \${nodes.${parts[1]}.host} or \${nodes.${parts[1]}.port.<${Object.keys(other.ports ?? {}).join('|') || 'no ports declared'}>}`;
}
