import { FaultNoEffectError } from '../common/errors.js';
import { execProbe } from '../probes/exec.js';
import { httpProbe } from '../probes/http.js';
import type { Probe, ProbeContext } from '../probes/probe.js';
import { resolveTemplates } from '../scenario/templates.js';
import type { TargetNode, TemplateValues } from '../targets/target.js';
import type { FaultContext } from './injector.js';
import type { RoleCheck } from './role-check-schema.js';

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
