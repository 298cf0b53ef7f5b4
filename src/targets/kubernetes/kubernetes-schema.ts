import { z } from 'zod';
import { timeoutDuration } from '../../common/duration.js';

const NODE_NAME = /^[a-z0-9][a-z0-9_-]*$/;
/** A DNS-1123 label: what Kubernetes accepts as a namespace, pod or container name. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/** `key=value` pairs joined by commas: the equality form of a label selector. */
const SELECTOR = /^[A-Za-z0-9./_-]+(!?=[A-Za-z0-9._-]*)?(,[A-Za-z0-9./_-]+(!?=[A-Za-z0-9._-]*)?)*$/;

const PORT_EXPECTED = 'expected a container port number (1-65535)';
const containerPort = z
  .number({ error: PORT_EXPECTED })
  .int({ error: PORT_EXPECTED })
  .min(1, { error: PORT_EXPECTED })
  .max(65535, { error: PORT_EXPECTED });

export const podNodeSchema = z
  .strictObject({
    pod: z
      .string()
      .regex(DNS_SUBDOMAIN, { error: 'expected a pod name (lowercase letters, digits, - and .)' })
      .optional()
      .meta({
        description: 'The pod, by name: a StatefulSet pod (web-0) is found again under the same name.',
      }),
    selector: z
      .string()
      .regex(SELECTOR, { error: 'expected a label selector such as "app=web" or "app=web,tier=db"' })
      .optional()
      .meta({
        description:
          'A label selector matching exactly one live pod: a Deployment pod is found again under its new name.',
      }),
    container: z
      .string()
      .regex(DNS_LABEL, { error: 'expected a container name (lowercase letters, digits and -)' })
      .optional()
      .meta({
        description: "The container faults act on and whose log is followed (default: the pod's first).",
      }),
    ports: z.array(containerPort).optional().meta({
      description:
        'Pod ports forwarded to 127.0.0.1 at free local ports, kept across pod restarts and replacements: ${nodes.<node>.port.<port>}.',
    }),
  })
  .meta({ description: 'A pod of the cluster: `pod: <name>` or `selector: <labels>`, plus `container`.' });

const manifest = z
  .union([
    z
      .string()
      .min(1)
      .meta({ description: "A YAML file (one or more documents), relative to the scenario's directory." }),
    z
      .looseObject({
        apiVersion: z.string({ error: 'an inline manifest needs apiVersion' }).min(1),
        kind: z.string({ error: 'an inline manifest needs kind' }).min(1),
        metadata: z.looseObject({
          name: z.string({ error: 'an inline manifest needs metadata.name' }).min(1),
        }),
      })
      .meta({ description: 'A Kubernetes object written inline.' }),
  ])
  .meta({ description: 'A manifest file, or an object written inline.' });

export const kubernetesTargetSchema = z
  .strictObject({
    type: z.literal('kubernetes'),
    kubeconfig: z.string().min(1).optional().meta({
      description: 'Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config); relative to the scenario.',
    }),
    context: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Kubeconfig context (default: the kubeconfig's current context)." }),
    namespace: z
      .string()
      .regex(DNS_LABEL, { error: 'expected a namespace name (lowercase letters, digits and -, at most 63)' })
      .max(63)
      .optional()
      .meta({
        description:
          'Namespace of the pods and manifests. Given: used as it is and never deleted. Omitted: firedrill-<run id>, made for the run and deleted after it.',
      }),
    manifests: z.array(manifest).optional().meta({
      description:
        'Objects created at start (labelled firedrill.run=<run id>) and deleted at the end, in the target namespace unless they name their own.',
    }),
    ready_timeout: timeoutDuration.default(180_000).meta({
      description: 'How long a pod may take to become Ready, at start and after a fault (default 180s).',
    }),
    agent_image: z.string().min(1).default('firedrill/nettools:1').meta({
      description:
        "Image of the helper pod (hostPID) that signals a container's processes for kill and pause; it needs sh, grep and kill.",
    }),
    nodes: z
      .record(z.string(), podNodeSchema)
      .refine((nodes) => Object.keys(nodes).length > 0, { error: 'declare at least one node' }),
  })
  .superRefine((target, ctx) => {
    for (const [name, node] of Object.entries(target.nodes)) {
      const at = (...path: string[]): string[] => ['nodes', name, ...path];
      if (!NODE_NAME.test(name))
        ctx.addIssue({
          code: 'custom',
          message: `expected a node name of lowercase letters, digits, - and _, found "${name}"`,
          path: at(),
        });
      if ((node.pod === undefined) === (node.selector === undefined))
        ctx.addIssue({
          code: 'custom',
          message:
            node.pod === undefined
              ? 'name the pod: `pod: <name>` or `selector: <key=value>`'
              : 'give `pod` or `selector`, not both',
          path: at(node.pod === undefined ? 'pod' : 'selector'),
        });
    }
  });

export type PodNodeConfig = z.output<typeof podNodeSchema>;
export type KubernetesTargetConfig = z.output<typeof kubernetesTargetSchema>;
export type ManifestEntry = NonNullable<KubernetesTargetConfig['manifests']>[number];
