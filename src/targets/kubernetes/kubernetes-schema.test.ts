import { describe, expect, it } from 'vitest';
import { kubernetesTargetSchema } from './kubernetes-schema.js';

function problems(target: object): string[] {
  const result = kubernetesTargetSchema.safeParse({ type: 'kubernetes', ...target });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('kubernetes target schema', () => {
  it('fills defaults: the current kubeconfig and context, a run namespace, 180s to be Ready, the nettools agent', () => {
    const config = kubernetesTargetSchema.parse({ type: 'kubernetes', nodes: { web: { pod: 'web-0' } } });
    expect(config).toEqual({
      type: 'kubernetes',
      ready_timeout: 180_000,
      agent_image: 'firedrill/nettools:1',
      nodes: { web: { pod: 'web-0' } },
    });
  });

  it('takes manifests as files or inline objects', () => {
    const config = kubernetesTargetSchema.parse({
      type: 'kubernetes',
      manifests: [
        './app.yaml',
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } },
      ],
      nodes: { web: { selector: 'app=web', container: 'http', ports: [8080] } },
    });
    expect(config.manifests?.[1]).toMatchObject({ kind: 'ConfigMap', data: { a: '1' } });
  });

  it('asks for exactly one of pod and selector, naming the field', () => {
    expect(problems({ nodes: { web: {} } })).toEqual([
      'nodes.web.pod: name the pod: `pod: <name>` or `selector: <key=value>`',
    ]);
    expect(problems({ nodes: { web: { pod: 'a', selector: 'app=a' } } })).toEqual([
      'nodes.web.selector: give `pod` or `selector`, not both',
    ]);
  });

  it('refuses names Kubernetes would refuse, with what it expected', () => {
    expect(problems({ namespace: 'My_NS', nodes: { web: { pod: 'a' } } })).toEqual([
      'namespace: expected a namespace name (lowercase letters, digits and -, at most 63)',
    ]);
    expect(problems({ nodes: { web: { selector: 'app in (a,b)' } } })).toEqual([
      'nodes.web.selector: expected a label selector such as "app=web" or "app=web,tier=db"',
    ]);
    expect(problems({ nodes: { Web: { pod: 'a' } } })[0]).toMatch(/^nodes\.Web: expected a node name/);
    expect(problems({ nodes: { web: { pod: 'a', ports: [0] } } })).toEqual([
      'nodes.web.ports.0: expected a container port number (1-65535)',
    ]);
  });

  it('refuses an inline manifest without its identity', () => {
    expect(
      problems({ manifests: [{ kind: 'Pod', metadata: { name: 'x' } }], nodes: { web: { pod: 'x' } } })[0],
    ).toMatch(/^manifests\.0/);
  });
});
