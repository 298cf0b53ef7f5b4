import { z } from 'zod';
import { objectKinds } from '../targets/kubernetes/cluster-access.js';
import { probeBase } from './probe.js';

/** `<kind>/<name>`: the object a kubernetes probe reads. */
export const OBJECT = new RegExp(`^(${objectKinds.join('|')})/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$`);

export const kubernetesProbeSchema = probeBase.extend({
  type: z.literal('kubernetes'),
  object: z
    .string()
    .regex(OBJECT, {
      error: `expected <kind>/<name> with kind one of ${objectKinds.join(', ')}, e.g. statefulset/etcd`,
    })
    .meta({
      description:
        'The object to check: pod/<name> (its Ready condition), service/<name> (its ready endpoints), statefulset/<name> or deployment/<name> (readyReplicas).',
    }),
  namespace: z.string().min(1).optional().meta({ description: "Its namespace (default: the target's)." }),
  ready: z
    .strictObject({
      at_least: z
        .number()
        .int()
        .min(0)
        .optional()
        .meta({ description: 'Passes with at least this many ready.' }),
      at_most: z
        .number()
        .int()
        .min(0)
        .optional()
        .meta({ description: 'Passes with at most this many ready.' }),
    })
    .optional()
    .meta({
      description:
        'The count that passes. Default: all of them ready (every endpoint or desired replica, and at least one). A detect probe says, e.g., at_most: 2 of 3.',
    }),
});
