import type { TargetFactory } from './target.js';
import { attachTargetSchema } from './attach/attach-schema.js';
import { dockerTargetSchema } from './docker/docker-schema.js';
import { kubernetesTargetSchema } from './kubernetes/kubernetes-schema.js';
import { processTarget } from './process/process-target.js';

/** Every target driver, by its `type` in a scenario. */
export const targets = {
  process: processTarget,
  // The container targets load Docker's client (and testcontainers) when a drill starts one:
  // validating a drill needs only their schemas.
  docker: {
    schema: dockerTargetSchema,
    start: async (config, context) =>
      (await import('./docker/docker-target.js')).dockerTarget.start(config, context),
  } satisfies TargetFactory<typeof dockerTargetSchema>,
  attach: {
    schema: attachTargetSchema,
    start: async (config, context) =>
      (await import('./attach/attach-target.js')).attachTarget.start(config, context),
  } satisfies TargetFactory<typeof attachTargetSchema>,
  // Loads @kubernetes/client-node when a drill starts one: validating needs only the schema.
  kubernetes: {
    schema: kubernetesTargetSchema,
    start: async (config, context) =>
      (await import('./kubernetes/kubernetes-target.js')).kubernetesTarget.start(config, context),
  } satisfies TargetFactory<typeof kubernetesTargetSchema>,
} satisfies Record<string, TargetFactory>;

export type TargetType = keyof typeof targets;
