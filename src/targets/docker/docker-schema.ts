import { z } from 'zod';
import { duration, timeoutDuration } from '../../common/duration.js';
import { byteSize } from './byte-size.js';
import { tmpfsMount } from './tmpfs-mount.js';

const NAME = /^[a-z0-9][a-z0-9_-]*$/;
const NAME_MESSAGE =
  "expected a node name of lowercase letters, digits, - and _ (it becomes the container's network alias)";

const PORT_EXPECTED = 'expected a container port number (1-65535)';
const containerPort = z
  .number({ error: PORT_EXPECTED })
  .int({ error: PORT_EXPECTED })
  .min(1, { error: PORT_EXPECTED })
  .max(65535, { error: PORT_EXPECTED });

// YAML reads `PORT: 8080` as a number: accept it rather than make every user quote it.
const envValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const BIND = /^([^:]+):([^:]+)(?::(ro|rw))?$/;
const volume = z
  .union([
    z.string().regex(BIND, { error: 'expected "<host path>:<container path>[:ro]"' }),
    z.strictObject({
      source: z.string().min(1).meta({ description: "Host path, relative to the scenario's directory." }),
      target: z.string().startsWith('/').meta({ description: 'Absolute path in the container.' }),
      read_only: z.boolean().default(false),
    }),
  ])
  .transform((v) => {
    if (typeof v !== 'string') return v;
    const [, source, target, mode] = BIND.exec(v)!;
    return { source: source!, target: target!, read_only: mode === 'ro' };
  })
  .meta({ description: 'A bind mount: "<host path>:<container path>[:ro]" or {source, target, read_only}.' });

export const waitSchema = z
  .strictObject({
    port: containerPort
      .optional()
      .meta({ description: 'Ready once this container port accepts connections (inside and on 127.0.0.1).' }),
    http: z.string().startsWith('/').optional().meta({
      description: 'Ready once GET of this path answers `status` (on `port`, default: the only port).',
    }),
    status: z.number().int().min(100).max(599).default(200).meta({ description: 'Expected HTTP status.' }),
    log: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Ready once the output has a line matching this regular expression.' }),
    times: z.number().int().min(1).default(1).meta({ description: 'For `log`: how many matching lines.' }),
    timeout: timeoutDuration
      .default(60_000)
      .meta({ description: 'Give up starting after this long (default 60s; 1ms to 24h).' }),
  })
  .meta({ description: 'When the node counts as started: one of port, http or log.' });

export const dockerNodeSchema = z.strictObject({
  image: z
    .string()
    .min(1)
    .meta({ description: 'Image name, used as present locally (pulled when missing).' }),
  command: z
    .union([z.string().min(1), z.array(z.string()).min(1)])
    .optional()
    .meta({
      description: "Overrides the image's command; a string runs through /bin/sh -c.",
    }),
  entrypoint: z.array(z.string()).optional().meta({ description: "Overrides the image's entrypoint." }),
  env: z.record(z.string(), envValue).optional().meta({ description: 'Environment variables.' }),
  ports: z.array(containerPort).optional().meta({
    description:
      'Container ports published on 127.0.0.1 at free host ports, kept across restarts: ${nodes.<node>.port.<port>}.',
  }),
  tmpfs: z.record(z.string().startsWith('/'), tmpfsMount).optional().meta({
    description:
      'tmpfs mounts: container path → size, e.g. { /data: 64m }, or → { size, mode, uid, gid } for a mount a non-root program owns.',
  }),
  volumes: z.array(volume).optional().meta({ description: 'Bind mounts of host paths.' }),
  memory: byteSize.optional().meta({ description: 'Memory limit, e.g. 256m (docker run -m).' }),
  cap_add: z
    .array(z.string().min(1))
    .optional()
    .meta({ description: 'Linux capabilities to add, e.g. NET_ADMIN.' }),
  user: z.string().optional(),
  workdir: z.string().optional(),
  restart: z
    .enum(['no', 'always', 'on-failure', 'unless-stopped'])
    .default('no')
    .meta({ description: "Docker's restart policy: what brings the node back after a kill (default no)." }),
  wait: waitSchema.optional(),
  stop_timeout: duration
    .default(10_000)
    .meta({ description: 'Grace period between SIGTERM and SIGKILL when stopping (default 10s).' }),
});

export const dockerTargetSchema = z
  .strictObject({
    type: z.literal('docker'),
    nodes: z
      .record(z.string(), dockerNodeSchema)
      .refine((nodes) => Object.keys(nodes).length > 0, { error: 'declare at least one node' }),
  })
  .superRefine((target, ctx) => {
    for (const [name, node] of Object.entries(target.nodes)) {
      const at = (...path: (string | number)[]): (string | number)[] => ['nodes', name, ...path];
      if (!NAME.test(name))
        ctx.addIssue({ code: 'custom', message: `${NAME_MESSAGE}, found "${name}"`, path: at() });
      for (const problem of waitProblems(node))
        ctx.addIssue({ code: 'custom', ...problem, path: at('wait', ...problem.path) });
    }
  });

export type DockerNodeConfig = z.output<typeof dockerNodeSchema>;
export type DockerTargetConfig = z.output<typeof dockerTargetSchema>;
export type WaitConfig = z.output<typeof waitSchema>;

function waitProblems(node: DockerNodeConfig): Array<{ path: string[]; message: string }> {
  const wait = node.wait;
  if (!wait) return [];
  const given = (['port', 'http', 'log'] as const).filter((key) => wait[key] !== undefined);
  const problems: Array<{ path: string[]; message: string }> = [];
  const ports = node.ports ?? [];
  const portList = ports.length ? ports.join(', ') : 'none declared';
  if (given.length === 0)
    problems.push({ path: [], message: 'wait needs `port: <n>`, `http: <path>` or `log: <regex>`' });
  if (given.length > 1 && !(given.length === 2 && given.includes('http') && given.includes('port')))
    problems.push({
      path: [given[1]!],
      message: `give one of port, http or log (found ${given.join(' and ')})`,
    });
  if (wait.port !== undefined && !ports.includes(wait.port))
    problems.push({ path: ['port'], message: `port ${wait.port} is not published (ports: ${portList})` });
  if (wait.http !== undefined && wait.port === undefined && ports.length !== 1)
    problems.push({ path: ['port'], message: `wait.http needs \`port: <n>\` (ports: ${portList})` });
  if (wait.log !== undefined) {
    try {
      new RegExp(wait.log);
    } catch (error) {
      problems.push({ path: ['log'], message: `not a regular expression: ${(error as Error).message}` });
    }
  }
  return problems;
}
