import { z } from 'zod';
import { duration } from '../common/duration.js';
import { FaultNoEffectError } from '../common/errors.js';
import { execProbe } from '../probes/exec.js';
import { httpProbe } from '../probes/http.js';
import { jsonPath } from '../probes/json-path.js';
import type { Probe, ProbeContext } from '../probes/probe.js';
import { regex, templatedUrl } from '../probes/probe-fields.js';
import { resolveTemplates } from '../scenario/templates.js';
import type { TargetNode, TemplateValues } from '../targets/target.js';
import type { FaultContext } from './injector.js';

/** `${node.host}`, `${node.port.http}`, `${node.alias}`, `${node.name}`: the node being asked. */
const NODE_REF = /\$\{\s*node\.([^}]*?)\s*\}/g;
const NODE_FIELD = /^(host|alias|name|port\.[^.]+)$/;

/**
 * `select: {role: ...}`: the node that holds a role right now, found by asking every candidate
 * at injection time: an http check (a 2xx answer, and the value at `json_path` equal to `equals`)
 * against each node's own address, or an exec check (exit 0, output matching `stdout_matches`)
 * in each node.
 */
export const roleCheckSchema = z
  .strictObject({
    name: z.string().min(1).default('the role').meta({ description: 'The role, for messages: leader.' }),
    http: templatedUrl
      .optional()
      .meta({ description: 'URL asked of each node, e.g. http://${node.host}:${node.port.http}/status.' }),
    json_path: jsonPath.optional().meta({ description: 'Where the role is in the JSON answer: $.role.' }),
    equals: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .meta({ description: 'The value at json_path of a node that holds the role: leader.' }),
    exec: z
      .union([z.string().min(1), z.array(z.string()).min(1)])
      .optional()
      .meta({ description: 'Or a command run in each node; it holds the role when the command exits 0.' }),
    stdout_matches: regex
      .optional()
      .meta({ description: "With exec: the command's output must also match this." }),
    timeout: duration.default(2000).meta({ description: 'Longest a node may take to answer (default 2s).' }),
  })
  .superRefine((role, ctx) => {
    if ((role.http === undefined) === (role.exec === undefined))
      ctx.addIssue({ code: 'custom', message: 'give one of http or exec: how each node is asked' });
    const only = (field: 'json_path' | 'equals' | 'stdout_matches', with_: 'http' | 'exec'): void => {
      if (role[field] !== undefined && role[with_] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} goes with ${with_}` });
    };
    only('json_path', 'http');
    only('equals', 'http');
    only('stdout_matches', 'exec');
    if (role.equals !== undefined && role.json_path === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['equals'],
        message: 'equals needs json_path: which value to compare',
      });
    for (const match of (role.http ?? '').matchAll(NODE_REF)) {
      if (!NODE_FIELD.test(match[1]!))
        ctx.addIssue({
          code: 'custom',
          path: ['http'],
          message: `unknown template value ${match[0]}: use \${node.host}, \${node.port.<port>}, \${node.alias} or \${node.name}`,
        });
    }
  });

export type RoleCheck = z.output<typeof roleCheckSchema>;

/** One candidate's answer: whether it holds the role, and what it said. */
export interface RoleAnswer {
  node: string;
  holds: boolean;
  said: string;
}

/** Asks every candidate at once; returns each one's answer, in the candidates' order. */
export async function askRole(
  role: RoleCheck,
  candidates: readonly TargetNode[],
  context: FaultContext,
): Promise<RoleAnswer[]> {
  const values = context.target.templateValues();
  return Promise.all(
    candidates.map(async (node) => {
      const probe = roleProbe(role, node, values, context);
      const outcome = await probe.check(context.signal);
      await probe.close?.();
      return { node: node.name, holds: outcome.ok, said: outcome.detail ?? (outcome.ok ? 'yes' : 'no') };
    }),
  );
}

/** The candidates holding the role; none is an error naming what each node answered. */
export function holders(role: RoleCheck, answers: readonly RoleAnswer[]): string[] {
  const found = answers.filter((a) => a.holds).map((a) => a.node);
  if (found.length > 0) return found;
  const said = answers.map((a) => `${a.node}: ${a.said}`).join('; ');
  throw new FaultNoEffectError(`no node holds ${role.name} right now (${said})`, {
    hint: 'check the role query (its URL, json_path and equals) against what the nodes answer',
  });
}

function roleProbe(role: RoleCheck, node: TargetNode, values: TemplateValues, context: FaultContext): Probe {
  // The probes' schemas take durations as text, as a scenario writes them.
  const timeout = `${role.timeout}ms`;
  const base = { name: `role of ${node.name}`, role: 'steady', timeout, interval: timeout };
  const probeContext: ProbeContext = {
    target: context.target,
    clock: context.clock,
    logger: context.logger,
    baseDir: context.baseDir,
  };
  if (role.http !== undefined) {
    const url = resolveTemplates(role.http, nodeValues(values, node.name));
    const unknown = /\$\{\s*node\.[^}]*\}/.exec(url);
    if (unknown)
      throw new FaultNoEffectError(`${unknown[0]} has no value for node ${node.name}`, {
        hint: `its values: ${Object.keys(nodeValues(values, node.name))
          .map((k) => `\${${k}}`)
          .join(', ')}`,
      });
    const config = httpProbe.schema.parse({
      ...base,
      type: 'http',
      url,
      ...(role.json_path !== undefined && { json_path: role.json_path }),
      ...(role.equals !== undefined && { json_equals: role.equals }),
    });
    return httpProbe.create(config, probeContext);
  }
  const config = execProbe.schema.parse({
    ...base,
    type: 'exec',
    node: node.name,
    command: role.exec,
    ...(role.stdout_matches !== undefined && { stdout_matches: role.stdout_matches }),
  });
  return execProbe.create(config, probeContext);
}

/** The target's `nodes.<name>.*` values as `node.*`, plus `node.name`, for one node's query. */
export function nodeValues(values: TemplateValues, name: string): TemplateValues {
  const prefix = `nodes.${name}.`;
  const own = Object.entries(values).flatMap(([key, value]) =>
    key.startsWith(prefix) ? [[`node.${key.slice(prefix.length)}`, value] as const] : [],
  );
  return { ...Object.fromEntries(own), 'node.name': name };
}
