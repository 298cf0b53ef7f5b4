import { formatDuration } from '../common/duration.js';
import { images as firedrillImages } from '../common/images.js';
import { linkDependencies, nodeStartOrder } from '../links/start-order.js';
import type { Drill } from '../scenario/drill-schema.js';
import { mapStrings } from '../scenario/templates.js';
import type { TemplateValues } from '../targets/target.js';
import { loadDrillPlugins } from './drill-plugins.js';
import { kubernetesPlanLines } from '../targets/kubernetes/plan-lines.js';
import { plannedStartSteps } from '../targets/kubernetes/links-order.js';
import { plannedTemplateValues } from './plan-values.js';
import { describeTimeline, planTimeline, type FaultConfig } from './timeline-plan.js';

type Fields = Record<string, unknown>;

/**
 * Everything a drill will do, in the order it does it, with template values filled in as far as
 * they are known before the start: `firedrill plan` prints it and touches nothing.
 */
export async function describePlan(drill: Drill): Promise<string[]> {
  await loadDrillPlugins(drill);
  const values = plannedTemplateValues(drill);
  const fill = <T>(value: T): T => fillKnown(value, values);
  return [
    `drill ${drill.name}${drill.description ? `: ${drill.description}` : ''}`,
    ...targetLines(drill, fill),
    ...linkLines(drill, fill),
    'probes:',
    ...drill.probes.map((probe) => {
      const { name, role, type, interval, ...rest } = fill(probe) as Fields;
      return `  ${String(name).padEnd(16)} ${String(role).padEnd(7)} ${String(type).padEnd(6)} every ${formatDuration(Number(interval))}  ${fieldText(rest)}`;
    }),
    ...(drill.load ? ['load:', `  ${fieldText(fill(drill.load) as Fields)}`] : []),
    ...(drill.integrity
      ? ['integrity (RPO ledger):', `  ${fieldText(fill(drill.integrity) as Fields)}`]
      : []),
    `baseline: ${formatDuration(drill.baseline)} of steady state, then (t = end of baseline):`,
    ...describeTimeline(planTimeline(fill(drill.faults) as FaultConfig[])).map((line) => `  ${line}`),
    `recovery: ${drill.stable_for} consecutive passing rounds of every steady probe, within ${formatDuration(drill.timeouts.recover)} of t0`,
    `drill timeout: ${formatDuration(drill.timeouts.drill)}${drill.repeat > 1 ? `, repeated ${drill.repeat} times` : ''}`,
    `objectives${drill.objectivesFrom ? ` (${drill.objectivesFrom.table}, class ${drill.objectivesFrom.class})` : ''}:`,
    ...Object.entries(drill.objectives).map(
      ([name, target]) => `  ${name.padEnd(12)} ${formatObjective(name, target)}`,
    ),
  ];
}

function targetLines(drill: Drill, fill: <T>(value: T) => T): string[] {
  const target = drill.target as { type: string; nodes?: Record<string, Fields> };
  const nodes = target.nodes ?? {};
  const names = Object.keys(nodes);
  const dependencies = linkDependencies(nodes, drill.toxiproxy?.url);
  const order = nodeStartOrder(names, dependencies);
  const lines = [`target: ${target.type}${names.length ? ` (${names.join(', ')})` : ''}`];
  if (drill.target.type === 'kubernetes') lines.push(...kubernetesPlanLines(drill.target));
  const used = [
    ...new Set(
      Object.values(nodes)
        .map((node) => node.image)
        .filter(Boolean),
    ),
  ] as string[];
  if (target.type === 'docker') {
    const extra = drill.links && !drill.toxiproxy?.url ? [firedrillImages.toxiproxy] : [];
    lines.push(`  images: ${[...used, ...extra].join(', ')}`);
  }
  const steps =
    drill.target.type === 'kubernetes'
      ? plannedStartSteps(drill.target, Object.keys(drill.links ?? {}))
      : startSteps(drill, order, dependencies.linkUsers);
  lines.push(`  start order: ${steps.join(' → ')}`);
  for (const name of order) {
    const { ports, ...node } = nodes[name]!;
    const own = ownPortValues(fill, name, ports);
    lines.push(`  node ${name}: ${portText(fill, name, ports)}${fieldText(fillKnown(fill(node), own))}`);
  }
  return lines;
}

/** `ports 8080→127.0.0.1:<picked at start> `: where each port is reached from the host. */
function portText(fill: <T>(value: T) => T, node: string, ports: unknown): string {
  const names = Array.isArray(ports) ? ports.map(String) : Object.keys(recordOf(ports));
  if (names.length === 0) return '';
  const where = names.map(
    (port) => `${port}→${fill(`\${nodes.${node}.host}:\${nodes.${node}.port.${port}}`)}`,
  );
  return `ports ${where.join(', ')} `;
}

function recordOf(value: unknown): Fields {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
}

/** A process node's `${port.<name>}`: its own ports, as `${nodes.<node>.port.<name>}` reads. */
function ownPortValues(fill: <T>(value: T) => T, node: string, ports: unknown): TemplateValues {
  if (!ports || typeof ports !== 'object' || Array.isArray(ports)) return {};
  return Object.fromEntries(
    Object.keys(ports).map((port) => [`port.${port}`, fill(`\${nodes.${node}.port.${port}}`)]),
  );
}

/** Nodes in order, with the links' step before the first node that names a link (else last). */
function startSteps(drill: Drill, order: string[], linkUsers: string[]): string[] {
  if (!drill.links || Object.keys(drill.links).length === 0) return order;
  const links = `links (${Object.keys(drill.links).join(', ')})`;
  const first = order.findIndex((name) => linkUsers.includes(name));
  return first < 0 ? [...order, links] : [...order.slice(0, first), links, ...order.slice(first)];
}

function linkLines(drill: Drill, fill: <T>(value: T) => T): string[] {
  const links = Object.entries(drill.links ?? {});
  if (links.length === 0) return [];
  const url = drill.toxiproxy?.url;
  const server = url
    ? `the Toxiproxy server at ${fill(url)}`
    : drill.target.type === 'docker'
      ? `a Toxiproxy container on the run network (${firedrillImages.toxiproxy})`
      : drill.target.type === 'kubernetes'
        ? `a Toxiproxy pod and Service in the run's namespace (${firedrillImages.toxiproxy})`
        : 'a toxiproxy-server process on 127.0.0.1';
  return [
    `links (through ${server}):`,
    ...links.map(([name, link]) => {
      const listen = fill(`\${links.${name}.host}:\${links.${name}.port}`);
      const ends = [link.from && `from ${link.from}`, link.to && `to ${link.to}`].filter(Boolean).join(' ');
      return `  ${name.padEnd(16)} ${listen} → ${fill(link.upstream)}${ends ? `  (${ends})` : ''}`;
    }),
  ];
}

/** `url=http://... rate=20 restart.policy=always`: the fields as written, nested ones by their path. */
function fieldText(fields: Fields, prefix = ''): string {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? fieldText(value as Fields, `${prefix}${key}.`)
        : `${prefix}${key}=${valueText(key, value)}`,
    )
    .join(' ');
}

/** Durations are parsed to milliseconds: show them as written (`2s`). */
const DURATION_KEY = /timeout|interval|duration|delay|after/;

function valueText(key: string, value: unknown): string {
  if (typeof value === 'number' && DURATION_KEY.test(key)) return formatDuration(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object'))
    return `[${value.map(String).join(' ')}]`;
  // A multi-line script stays on its line, its line breaks shown as \n.
  return typeof value === 'string' && !value.includes('\n') ? value : JSON.stringify(value);
}

/** Fills the references it knows; leaves the others (`${id}`, `${port.http}`) as written. */
function fillKnown<T>(value: T, values: TemplateValues): T {
  return mapStrings(value, (text) =>
    text.replace(/\$\{([^}]*)\}/g, (whole, ref: string) => values[ref.trim()] ?? whole),
  ) as T;
}

function formatObjective(name: string, target: unknown): string {
  if (name === 'lost_writes') return `<= ${String(target)}`;
  if (name === 'availability') return `>= ${(Number(target) * 100).toFixed(2)}%`;
  return `<= ${formatDuration(Number(target))}`;
}
