import { describe, expect, it } from 'vitest';
import { SystemClock } from '../common/clock.js';
import { silentLogger } from '../common/logger.js';
import type { StartedTarget } from '../targets/target.js';
import type { ClusterObjects, ObjectReadiness } from '../targets/kubernetes/cluster-access.js';
import { kubernetesProbe, passes } from './kubernetes.js';

const parse = (input: object) =>
  kubernetesProbe.schema.parse({ name: 'k', role: 'steady', type: 'kubernetes', ...input });

function targetReading(readiness: ObjectReadiness, asked: string[] = []): StartedTarget {
  const cluster: ClusterObjects = {
    namespace: 'ns',
    readiness: async (kind, name, namespace) => {
      asked.push(`${kind}/${name}@${namespace ?? 'ns'}`);
      return readiness;
    },
  };
  return {
    cluster,
    nodes: new Map(),
    node: () => {
      throw new Error('none');
    },
    templateValues: () => ({}),
    stop: async () => {},
  } as unknown as StartedTarget;
}

const context = (target: StartedTarget) => ({
  target,
  clock: new SystemClock(),
  logger: silentLogger,
  baseDir: '.',
});

describe('kubernetes probe', () => {
  it('passes by default only with everything ready, and at least one', () => {
    expect(passes({ ready: 3, desired: 3, detail: '' }, {})).toBe(true);
    expect(passes({ ready: 2, desired: 3, detail: '' }, {})).toBe(false);
    expect(passes({ ready: 0, desired: 0, detail: '' }, {})).toBe(false);
  });

  it('passes within at_least and at_most: a detect probe sees a member lost', () => {
    expect(passes({ ready: 2, desired: 3, detail: '' }, { ready: { at_most: 2 } })).toBe(true);
    expect(passes({ ready: 3, desired: 3, detail: '' }, { ready: { at_most: 2 } })).toBe(false);
    expect(passes({ ready: 1, desired: 3, detail: '' }, { ready: { at_least: 2 } })).toBe(false);
  });

  it('reads the named object in the target namespace unless given one, reporting the count', async () => {
    const asked: string[] = [];
    const target = targetReading({ ready: 2, desired: 3, detail: '2/3 ready replicas' }, asked);
    const probe = kubernetesProbe.create(parse({ object: 'statefulset/etcd' }), context(target));
    expect(await probe.check(new AbortController().signal)).toEqual({
      ok: false,
      detail: '2/3 ready replicas',
      value: 2,
    });
    const other = kubernetesProbe.create(parse({ object: 'service/etcd', namespace: 'db' }), context(target));
    await other.check(new AbortController().signal);
    expect(asked).toEqual(['statefulset/etcd@ns', 'service/etcd@db']);
  });

  it('refuses an object it cannot read, and a target that is not a cluster', () => {
    expect(() => parse({ object: 'configmap/x' })).toThrow(/expected <kind>\/<name>/);
    const plain = {
      nodes: new Map(),
      node: () => undefined,
      templateValues: () => ({}),
      stop: async () => {},
    } as unknown as StartedTarget;
    expect(() => kubernetesProbe.create(parse({ object: 'pod/x' }), context(plain))).toThrow(
      /needs a kubernetes target/,
    );
  });
});
