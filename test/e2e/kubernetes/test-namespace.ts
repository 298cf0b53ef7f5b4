import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A namespace for one test file: `<prefix>-<what>-<random>`. The prefix
 * (FIREDRILL_K8S_TEST_NAMESPACE_PREFIX, default firedrill-e2e) lets people who share a cluster
 * keep their tests' namespaces apart.
 */
export function testNamespace(what: string): string {
  const prefix = process.env.FIREDRILL_K8S_TEST_NAMESPACE_PREFIX || 'firedrill-e2e';
  return `${prefix}-${what}-${randomBytes(3).toString('hex')}`;
}

/** The `firedrill.run` label value the test's objects carry: leftovers checks find them by it. */
export function testRunLabel(namespace: string): string {
  const run = process.env.FIREDRILL_TEST_RUN_ID;
  return (run ? `${run}-${namespace}` : namespace).replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63);
}

/** A labelled namespace and two http-echo pods, `a` and `b`, as one kubectl-applicable List. */
export function twoEchoPods(namespace: string): string {
  const labels = { 'firedrill.run': testRunLabel(namespace) };
  // As firedrill marks what it makes: `firedrill cleanup` (run by other tests) leaves it alone while this test runs.
  const annotations = { 'firedrill.owner': `${hostname()}:${process.pid}` };
  const pod = (name: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { ...labels, app: name }, annotations },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: 'http-echo',
          image: 'firedrill/http-echo:1',
          // Loaded from Docker by setup-k8s.sh: there is no registry to pull from.
          imagePullPolicy: 'Never',
          ports: [{ containerPort: 8080 }],
          readinessProbe: { httpGet: { path: '/health', port: 8080 }, periodSeconds: 1 },
        },
      ],
    },
  });
  const items = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels, annotations } },
    pod('a'),
    pod('b'),
  ];
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}
