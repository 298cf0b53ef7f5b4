import { isAbsolute, resolve } from 'node:path';
import { TargetError } from '../../common/errors.js';
import { scriptIndex, spliceQuoted } from '../../common/shell-quote.js';
import { LOOPBACK, freePorts, isPortFree } from './free-port.js';
import { TEMPLATE, type ProcessNodeConfig, type ProcessTargetConfig } from './process-schema.js';

/** A node's configuration with ports chosen and templates filled in: everything needed to spawn it. */
export interface NodeSpec {
  name: string;
  /** Program and arguments for spawn (`/bin/sh -c <command>` for a string command). */
  argv: [string, ...string[]];
  /** The command as the user wrote it (resolved), for messages. */
  display: string;
  cwd: string;
  /** Extra variables, laid over firedrill's own environment at spawn. */
  env: Record<string, string>;
  ports: Record<string, number>;
  restart: { policy: 'always' | 'on-failure' | 'never'; delayMs: number };
  ready?: { tcpPort?: number; httpUrl?: string; timeoutMs: number };
  stopTimeoutMs: number;
  /** Absolute paths. */
  dataDirs: string[];
}

export type PortTable = Record<string, Record<string, number>>;

/** Picks every `auto` port (once: they are kept across restarts) and checks fixed ones are free. */
export async function allocatePorts(config: ProcessTargetConfig): Promise<PortTable> {
  const autos = Object.values(config.nodes)
    .flatMap((node) => Object.values(node.ports ?? {}))
    .filter((p) => p === 'auto');
  const picked = await freePorts(autos.length);
  const table: PortTable = {};
  for (const [nodeName, node] of Object.entries(config.nodes)) {
    const ports: Record<string, number> = {};
    for (const [portName, port] of Object.entries(node.ports ?? {})) {
      if (port === 'auto') {
        ports[portName] = picked.shift() as number;
      } else if (!(await isPortFree(port))) {
        throw new TargetError(
          `port ${port} (nodes.${nodeName}.ports.${portName}) is already in use on ${LOOPBACK}`,
          {
            hint: `stop what listens there, or write \`${portName}: auto\` to let firedrill pick a free port`,
          },
        );
      } else {
        ports[portName] = port;
      }
    }
    table[nodeName] = ports;
  }
  return table;
}

/** Template values the started target exposes: `nodes.<n>.host`, `nodes.<n>.port.<p>`. */
export function nodeTemplateValues(ports: PortTable): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [nodeName, nodePorts] of Object.entries(ports)) {
    values[`nodes.${nodeName}.host`] = LOOPBACK;
    for (const [portName, port] of Object.entries(nodePorts))
      values[`nodes.${nodeName}.port.${portName}`] = String(port);
  }
  return values;
}

/**
 * Fills a node's templates: its own `${port.<p>}`, every node's `${nodes...}`, and the values known
 * before the target starts (`presets`: `${run.dir}`, the links' addresses).
 */
export function resolveNodeSpec(
  name: string,
  node: ProcessNodeConfig,
  ports: PortTable,
  baseDir: string,
  presets: Readonly<Record<string, string>> = {},
): NodeSpec {
  const own = ports[name] ?? {};
  const values = { ...presets, ...nodeTemplateValues(ports) };
  for (const [portName, port] of Object.entries(own)) values[`port.${portName}`] = String(port);
  const fill = (text: string): string => fillTemplate(text, values);
  const command = fillCommand(node.command, values);
  const argv: [string, ...string[]] =
    typeof command === 'string' ? ['/bin/sh', '-c', command] : (command as [string, ...string[]]);
  const cwd = node.cwd === undefined ? baseDir : resolve(baseDir, fill(node.cwd));
  const env = Object.fromEntries(Object.entries(node.env ?? {}).map(([key, value]) => [key, fill(value)]));
  return {
    name,
    argv,
    display: typeof command === 'string' ? command : command.join(' '),
    cwd,
    env,
    ports: own,
    restart: { policy: node.restart.policy, delayMs: node.restart.delay },
    ready: node.ready && readySpec(node.ready, own),
    stopTimeoutMs: node.stop_timeout,
    dataDirs: (node.data_dirs ?? []).map(fill).map((dir) => (isAbsolute(dir) ? dir : resolve(baseDir, dir))),
  };
}

function readySpec(
  ready: NonNullable<ProcessNodeConfig['ready']>,
  ports: Record<string, number>,
): NodeSpec['ready'] {
  const httpPort = ready.port ? ports[ready.port] : Object.values(ports)[0];
  return {
    tcpPort: ready.tcp === undefined ? undefined : ports[ready.tcp],
    httpUrl: ready.http === undefined ? undefined : `http://${LOOPBACK}:${httpPort}${ready.http}`,
    timeoutMs: ready.timeout,
  };
}

/** A string command is a shell script (as is `[sh, -c, <script>]`): values go in quoted as one word. */
function fillCommand(command: string | string[], values: Record<string, string>): string | string[] {
  const script = (text: string): string => spliceQuoted(text, TEMPLATE, (_whole, ref) => values[ref!.trim()]);
  if (typeof command === 'string') return script(command);
  const index = scriptIndex(command);
  return command.map((arg, i) => (i === index ? script(arg) : fillTemplate(arg, values)));
}

/** Replaces the `${...}` it knows; others (e.g. `${env.X}`) are left for the scenario's resolver. */
function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(TEMPLATE, (whole, ref: string) => values[ref.trim()] ?? whole);
}
