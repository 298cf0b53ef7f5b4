import { describe, expect, it } from 'vitest';
import { kubernetesPlanLines } from './plan-lines.js';

describe('kubernetesPlanLines', () => {
  it('says where the target acts and what it makes and removes', () => {
    expect(
      kubernetesPlanLines({
        manifests: ['./app.yaml', { kind: 'Service', metadata: { name: 'web' } }],
      }),
    ).toEqual([
      '  cluster: $KUBECONFIG, else ~/.kube/config, its current context',
      '  namespace: firedrill-<run id>, made for the run and deleted after it',
      '  manifests (created at start, deleted at the end): ./app.yaml, Service web (inline)',
    ]);
  });

  it('names a given kubeconfig, context and namespace, which it leaves in place', () => {
    expect(kubernetesPlanLines({ kubeconfig: 'k.yaml', context: 'prod', namespace: 'shop' })).toEqual([
      '  cluster: k.yaml, context prod',
      '  namespace: shop (used as it is, not deleted)',
    ]);
  });
});
