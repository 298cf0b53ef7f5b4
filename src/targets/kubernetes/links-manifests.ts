import type { V1Pod, V1Service } from '@kubernetes/client-node';
import { TOXIPROXY_API_PORT, images } from '../../common/images.js';
import { runMetadata } from './labels.js';

/** The container of the links' pod: faults never act on it, only the API does. */
export const TOXIPROXY_CONTAINER = 'toxiproxy';
/** Marks the links' pod and Service among the run's objects; the Service selects the pod by it. */
const ROLE_LABEL = 'firedrill.role';
const ROLE = 'toxiproxy';

/**
 * The name of the run's Toxiproxy pod and Service: one per run, so that two runs sharing a given
 * namespace do not collide. A DNS-1035 label (a Service name must start with a letter).
 */
export function toxiproxyObjectName(runId: string): string {
  const id = runId.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return `firedrill-toxiproxy-${id}`.slice(0, 63).replace(/-+$/, '');
}

/** Service port names must be unique DNS labels of at most 15 characters: `p<port>` is both. */
const portName = (port: number): string => `p${port}`;

/**
 * Toxiproxy 2.12 as a bare pod (not a Deployment): its proxies live in its memory, so a pod made
 * again by a controller would come back without them; a lost pod must fail the link, not hide it.
 * Every proxy listens on its link's port inside the pod; the API stays on 8474.
 */
export function toxiproxyPod(runId: string, proxyPorts: readonly number[]): V1Pod {
  const name = toxiproxyObjectName(runId);
  const meta = runMetadata(runId);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { ...meta.labels, [ROLE_LABEL]: ROLE }, annotations: meta.annotations },
    spec: {
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      containers: [
        {
          name: TOXIPROXY_CONTAINER,
          image: images.toxiproxy,
          // Present (loaded by setup-k8s.sh): used as it is; a cluster with a registry pulls it.
          imagePullPolicy: 'IfNotPresent',
          args: ['-host=0.0.0.0', `-port=${TOXIPROXY_API_PORT}`],
          ports: [TOXIPROXY_API_PORT, ...proxyPorts].map((containerPort) => ({ containerPort })),
          readinessProbe: {
            httpGet: { path: '/version', port: TOXIPROXY_API_PORT },
            periodSeconds: 1,
          },
        },
      ],
    },
  };
}

/**
 * The Service pods reach the links by: one port per link, the same number as in the pod and on
 * the host, so `${links.<l>.port}` holds everywhere. It selects the run's Toxiproxy pod only.
 */
export function toxiproxyService(runId: string, proxyPorts: readonly number[]): V1Service {
  const name = toxiproxyObjectName(runId);
  const meta = runMetadata(runId);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: { ...meta.labels, [ROLE_LABEL]: ROLE }, annotations: meta.annotations },
    spec: {
      type: 'ClusterIP',
      selector: { ...meta.labels, [ROLE_LABEL]: ROLE },
      ports: proxyPorts.map((port) => ({ name: portName(port), port, targetPort: port, protocol: 'TCP' })),
    },
  };
}
