import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TargetError } from '../../common/errors.js';
import { labelled, readManifests, type ManifestObject } from './manifest-objects.js';

const meta = { labels: { 'firedrill.run': 'r1' }, annotations: { 'firedrill.owner': 'h:1' } };

describe('readManifests', () => {
  it('reads every document of a file relative to the scenario, flattening a List, and inline objects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-manifests-'));
    writeFileSync(
      join(dir, 'app.yaml'),
      [
        'apiVersion: v1\nkind: Service\nmetadata: {name: web}',
        '# an empty document is skipped',
        'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}',
      ].join('\n---\n'),
    );
    const objects = await readManifests(
      ['app.yaml', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }],
      dir,
    );
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/web',
      'ConfigMap/a',
      'ConfigMap/b',
      'Secret/s',
    ]);
  });

  it('names the file and document of an object without a name, and a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-manifests-'));
    writeFileSync(
      join(dir, 'bad.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {generateName: b-}\n',
    );
    await expect(readManifests(['bad.yaml'], dir)).rejects.toThrow(
      /manifest bad.yaml, document 2: expected a Kubernetes object/,
    );
    await expect(readManifests(['missing.yaml'], dir)).rejects.toThrow(TargetError);
  });
});

describe('labelled', () => {
  const deployment: ManifestObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { template: { metadata: { labels: { app: 'web' } } } },
  };

  it('puts the run label on the object and its pod template, in the target namespace, leaving the input alone', () => {
    const made = labelled(deployment, 'firedrill-r1', meta);
    expect(made.metadata).toMatchObject({
      namespace: 'firedrill-r1',
      labels: { app: 'web', 'firedrill.run': 'r1' },
      annotations: { 'firedrill.owner': 'h:1' },
    });
    expect(made.spec).toEqual({ template: { metadata: { labels: { app: 'web', 'firedrill.run': 'r1' } } } });
    expect(deployment.metadata.namespace).toBeUndefined();
  });

  it('keeps a namespace the object names itself', () => {
    const own = { ...deployment, metadata: { ...deployment.metadata, namespace: 'other' } };
    expect(labelled(own, 'firedrill-r1', meta).metadata.namespace).toBe('other');
  });
});
