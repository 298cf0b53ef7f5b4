import { z } from 'zod';
import { UsageError } from '../common/errors.js';
import { clusterObjects, objectKinds, type ObjectReadiness } from '../targets/kubernetes/cluster-access.js';
import { deadline } from './deadline.js';
import { defineProbe, type ProbeOutcome } from './probe.js';
import { failureDetail } from './probe-fields.js';
import { OBJECT, kubernetesProbeSchema as schema } from './kubernetes-schema.js';

type KubernetesProbeConfig = z.output<typeof schema>;

/**
 * `kubernetes` (kubernetes target): reads an object's readiness from the API on each sample: a
 * pod's Ready condition, a Service's ready endpoints (its EndpointSlices), a StatefulSet's or
 * Deployment's readyReplicas. As a steady probe: the system is whole; as a detect probe (with
 * `ready.at_most`): Kubernetes noticed the loss (the endpoint controller dropped the pod).
 * Value: the ready count.
 */
export const kubernetesProbe = defineProbe({
  schema,
  create(config, { clock, target }) {
    const cluster = clusterObjects(target);
    if (!cluster)
      throw new UsageError(`probe ${config.name}: the kubernetes probe needs a kubernetes target`, {
        hint: 'use http, tcp or exec probes on docker and process targets',
      });
    const [, kind, name] = OBJECT.exec(config.object)!;
    return {
      async check(signal): Promise<ProbeOutcome> {
        const bound = deadline(clock, config.timeout, signal);
        try {
          const read = cluster.readiness(kind as (typeof objectKinds)[number], name!, config.namespace);
          const readiness = await abortable(read, bound.signal);
          return { ok: passes(readiness, config), detail: readiness.detail, value: readiness.ready };
        } catch (error) {
          return {
            ok: false,
            detail: bound.timedOut() ? `timeout after ${config.timeout}ms` : failureDetail(error),
          };
        } finally {
          bound.dispose();
        }
      },
    };
  },
});

/** Whether the ready count is what the probe wants (see `ready`). */
export function passes(readiness: ObjectReadiness, config: Pick<KubernetesProbeConfig, 'ready'>): boolean {
  const { ready, desired } = readiness;
  const wanted = config.ready;
  if (wanted?.at_least === undefined && wanted?.at_most === undefined) return ready >= Math.max(1, desired);
  return (
    (wanted.at_least === undefined || ready >= wanted.at_least) &&
    (wanted.at_most === undefined || ready <= wanted.at_most)
  );
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
