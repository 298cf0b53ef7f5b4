import { resolveTemplates, templateReferences } from '../../scenario/templates.js';
import type { TargetContext, TemplateValues, ToxiproxyHost } from '../target.js';
import type { PodNodeConfig } from './kubernetes-schema.js';
import { matchesSelector } from './labels.js';
import { describeObject, type ManifestObject } from './manifest-objects.js';

/**
 * The start order of a kubernetes target with links. A manifest whose text names a link
 * (`${links.echo.alias}` in a pod's env) can only be created once the links' Toxiproxy runs, and
 * the links can only be made once the pods their upstreams name have IPs (`${nodes.echo.ip}:8080`,
 * unknown before the pod exists). So: the manifests that name no link, and the nodes they carry,
 * come first; then the links; then the manifests that name one, and their nodes.
 */
export interface LinkedStart {
  /** Created before the links. */
  plain: ManifestObject[];
  /** Created once the links are up, with `${links...}` (and `${nodes...}`) filled. */
  linked: ManifestObject[];
  /** Nodes whose pod a linked manifest makes: started (waited for) after the links. */
  lateNodes: string[];
}

const LINK_REF = /^links\./;

export function linkedStart(
  objects: readonly ManifestObject[],
  nodes: Readonly<Record<string, PodNodeConfig>>,
): LinkedStart {
  const namesLink = (object: ManifestObject): boolean =>
    templateReferences(object).some(({ ref }) => LINK_REF.test(ref));
  const plain = objects.filter((object) => !namesLink(object));
  const linked = objects.filter(namesLink);
  const lateNodes = Object.keys(nodes).filter((name) =>
    linked.some((object) => makesPodOf(object, nodes[name]!)),
  );
  return { plain, linked, lateNodes };
}

/** Pod names a workload gives its pods: `<name>-0`… for a StatefulSet, `<name>-<hash>…` for the rest. */
const STATEFUL_POD = (name: string): RegExp => new RegExp(`^${escape(name)}-\\d+$`);
const GENERATED_POD = (name: string): RegExp => new RegExp(`^${escape(name)}-[a-z0-9-]+$`);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `object` makes the pod the node names (by pod name, or by the labels its selector asks for). */
export function makesPodOf(object: ManifestObject, node: PodNodeConfig): boolean {
  const name = object.metadata.name;
  if (object.kind === 'Pod') {
    if (node.pod !== undefined) return node.pod === name;
    return matchesSelector(node.selector!, object.metadata.labels);
  }
  const template = (object.spec as { template?: { metadata?: { labels?: Record<string, string> } } })
    ?.template;
  if (!template) return false;
  if (node.selector !== undefined) return matchesSelector(node.selector, template.metadata?.labels);
  const pattern = object.kind === 'StatefulSet' ? STATEFUL_POD(name) : GENERATED_POD(name);
  return pattern.test(node.pod!);
}

/**
 * A linked manifest with its templates filled: `${links...}`, `${nodes...}` and `${run.dir}`. A
 * value a pod's shell script receives is quoted as data (as everywhere in a scenario).
 */
export function fillManifest(object: ManifestObject, values: TemplateValues): ManifestObject {
  return resolveTemplates(object, values, {
    file: '<scenario>',
    locate: () => ({ line: 1, column: 1 }),
    path: ['target', 'manifests', describeObject(object)],
  });
}

/**
 * Starts the links (once) with the target's own Toxiproxy, the upstreams filled from the nodes up
 * so far; resolves with every value a linked manifest may name. Without links declared, the
 * values as they are: filling the manifest then reports the unknown `${links...}`.
 */
export async function openLinks(
  context: Pick<TargetContext, 'links' | 'templateValues'>,
  target: ToxiproxyHost & { templateValues(): TemplateValues },
): Promise<TemplateValues> {
  const values = { ...context.templateValues, ...target.templateValues() };
  if (!context.links) return values;
  return { ...values, ...(await context.links.open({ toxiproxy: target, values })) };
}

/**
 * The start order `firedrill plan` shows: the nodes whose pods an inline manifest naming a link
 * makes come after the links. (plan reads no manifest file: their nodes are shown before the links.)
 */
export function plannedStartSteps(
  target: { manifests?: readonly unknown[] | undefined; nodes: Readonly<Record<string, PodNodeConfig>> },
  links: readonly string[],
): string[] {
  const names = Object.keys(target.nodes);
  if (links.length === 0) return names;
  const inline = (target.manifests ?? []).filter(
    (entry): entry is ManifestObject => typeof entry === 'object' && entry !== null,
  );
  const { lateNodes } = linkedStart(inline, target.nodes);
  const early = names.filter((name) => !lateNodes.includes(name));
  return [...early, `links (${links.join(', ')})`, ...lateNodes];
}
