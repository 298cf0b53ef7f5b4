import type { KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '../../common/logger.js';
import { TargetError } from '../../common/errors.js';
import type { Resource } from '../target.js';
import { apiMessage, apiStatus, type Cluster } from './cluster.js';
import { describeObject, labelled, type ManifestObject } from './manifest-objects.js';

/** Objects a run created from its manifests, deleted (in reverse order) when the target stops. */
export class AppliedManifests {
  private readonly created: KubernetesObject[] = [];

  constructor(
    private readonly cluster: Cluster,
    private readonly logger: Logger,
  ) {}

  /**
   * Creates each object (not server-side apply: an object that already exists is not the run's to
   * change or delete, so it is an error), records it for cleanup, then the next.
   */
  async create(
    objects: readonly ManifestObject[],
    namespace: string,
    meta: { labels: Record<string, string>; annotations: Record<string, string> },
    record: (resource: Resource) => Promise<void>,
  ): Promise<void> {
    for (const object of objects) {
      const body = labelled(object, namespace, meta);
      const made = await this.cluster.objects.create(body as KubernetesObject).catch((error: unknown) => {
        throw new TargetError(`could not create ${describeObject(body)}: ${apiMessage(error)}`, {
          hint:
            apiStatus(error) === 409
              ? 'it exists already: firedrill creates manifests and deletes them after the run, so it leaves existing objects alone; remove it or use the run namespace'
              : 'check the manifest with `kubectl apply --dry-run=server -f <file>`',
        });
      });
      this.created.push(made);
      await record({
        kind: 'kubernetes',
        apiVersion: body.apiVersion,
        objectKind: body.kind,
        name: body.metadata.name,
        ...(made.metadata?.namespace && { namespace: made.metadata.namespace }),
        ...(made.metadata?.uid && { uid: made.metadata.uid }),
        kubeconfig: this.cluster.kubeconfigFile,
        context: this.cluster.context,
        description: describeObject({
          kind: body.kind,
          metadata: {
            name: body.metadata.name,
            ...(made.metadata?.namespace && { namespace: made.metadata.namespace }),
          },
        }),
      });
    }
  }

  /** Deletes what was created, newest first, with its dependents (pods of a Deployment). */
  async delete(): Promise<void> {
    const failures: string[] = [];
    for (const object of [...this.created].reverse()) {
      await this.cluster.objects
        .delete(object, undefined, undefined, undefined, undefined, 'Background')
        .catch((error: unknown) => {
          if (apiStatus(error) !== 404)
            failures.push(`${object.kind} ${object.metadata?.name}: ${apiMessage(error)}`);
        });
    }
    this.created.length = 0;
    if (failures.length > 0) {
      this.logger.warn({ failures }, 'could not delete some manifest objects');
      throw new TargetError(`could not delete ${failures.length} manifest object(s): ${failures[0]}`, {
        hint: 'run `firedrill cleanup`, or delete them by their label firedrill.run',
      });
    }
  }
}
