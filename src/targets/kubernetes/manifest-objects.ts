import { isAbsolute, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TargetError } from '../../common/errors.js';
import { readSourceText } from '../../scenario/read-source.js';
import { structureProblems } from '../../scenario/yaml-limits.js';
import type { ManifestEntry } from './kubernetes-schema.js';

/** A Kubernetes object as written in a manifest (only the fields firedrill reads are typed). */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Kinds whose pods come from `spec.template`: their pods carry the run label too. */
const POD_TEMPLATE_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'ReplicationController',
]);

/** Reads every manifest entry (files relative to the scenario, or inline), `kind: List` flattened. */
export async function readManifests(
  entries: readonly ManifestEntry[],
  baseDir: string,
): Promise<ManifestObject[]> {
  const objects: ManifestObject[] = [];
  for (const [index, entry] of entries.entries()) {
    if (typeof entry !== 'string') {
      objects.push(...flatten(entry as unknown, `target.manifests[${index}]`));
      continue;
    }
    const file = isAbsolute(entry) ? entry : resolve(baseDir, entry);
    const text = await readSourceText(file);
    if (typeof text !== 'string')
      throw new TargetError(`manifest ${entry}: ${text.reason}`, { hint: text.hint });
    for (const [n, doc] of parseAllDocuments(text).entries()) {
      const problem = doc.errors[0]?.message ?? structureProblems(doc)[0]?.message;
      if (problem) throw new TargetError(`manifest ${entry}, document ${n + 1}: ${problem}`);
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value !== null && value !== undefined)
        objects.push(...flatten(value, `${entry}, document ${n + 1}`));
    }
  }
  return objects;
}

function flatten(value: unknown, where: string): ManifestObject[] {
  const object = value as Partial<ManifestObject> & { items?: unknown };
  if (object?.kind === 'List' && Array.isArray(object.items))
    return object.items.flatMap((item, i) => flatten(item, `${where}, item ${i + 1}`));
  if (
    !object ||
    typeof object !== 'object' ||
    typeof object.apiVersion !== 'string' ||
    typeof object.kind !== 'string' ||
    typeof object.metadata?.name !== 'string'
  )
    throw new TargetError(
      `manifest ${where}: expected a Kubernetes object with apiVersion, kind and metadata.name`,
      {
        hint: 'generateName is not supported: firedrill deletes what it created by name',
      },
    );
  return [object as ManifestObject];
}

/**
 * The object as firedrill creates it: in the target namespace unless it names its own (the API
 * ignores the namespace of cluster-scoped kinds), with the run's labels and owner annotation on
 * the object and on its pod template, so every pod it makes is found by the run label as well.
 */
export function labelled(
  object: ManifestObject,
  namespace: string,
  meta: { labels: Record<string, string>; annotations: Record<string, string> },
): ManifestObject {
  const copy = structuredClone(object);
  copy.metadata.namespace ??= namespace;
  copy.metadata.labels = { ...copy.metadata.labels, ...meta.labels };
  copy.metadata.annotations = { ...copy.metadata.annotations, ...meta.annotations };
  const spec = copy.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined;
  if (POD_TEMPLATE_KINDS.has(copy.kind) && spec?.template) {
    spec.template.metadata ??= {};
    spec.template.metadata.labels = { ...spec.template.metadata.labels, ...meta.labels };
  }
  return copy;
}

/** "Deployment web" or "Deployment ns/web", for messages. */
export function describeObject(object: Pick<ManifestObject, 'kind' | 'metadata'>): string {
  const ns = object.metadata.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ''}${object.metadata.name}`;
}
