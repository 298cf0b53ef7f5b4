import type { z } from 'zod';
import { lazyPlugin, type LazyPlugin } from '../common/load-on-demand.js';
import type { TargetFactory } from './target.js';
import { attachTargetSchema } from './attach/attach-schema.js';
import { dockerTargetSchema } from './docker/docker-schema.js';
import { kubernetesTargetSchema } from './kubernetes/kubernetes-schema.js';
import { processTargetSchema } from './process/process-schema.js';

/**
 * Every target driver, by its `type` in a scenario: its schema, and the import of what starts it
 * (loaded when a drill starts one: validating a drill needs only the schemas, and a process drill
 * never loads Docker's client or testcontainers). A new target is one line here and its folder.
 */
export const targets = {
  process: lazyPlugin(
    processTargetSchema,
    async () => (await import('./process/process-target.js')).processTarget,
  ),
  docker: lazyPlugin(
    dockerTargetSchema,
    async () => (await import('./docker/docker-target.js')).dockerTarget,
  ),
  attach: lazyPlugin(
    attachTargetSchema,
    async () => (await import('./attach/attach-target.js')).attachTarget,
  ),
  // Loads @kubernetes/client-node when a drill starts one.
  kubernetes: lazyPlugin(
    kubernetesTargetSchema,
    async () => (await import('./kubernetes/kubernetes-target.js')).kubernetesTarget,
  ),
} satisfies Record<string, LazyPlugin<z.ZodType, TargetFactory>>;

export type TargetType = keyof typeof targets;
