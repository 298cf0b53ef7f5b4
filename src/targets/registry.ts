import type { TargetFactory } from './target.js';
import { attachTarget } from './attach/attach-target.js';
import { dockerTarget } from './docker/docker-target.js';
import { processTarget } from './process/process-target.js';

/** Every target driver, by its `type` in a scenario. */
export const targets = {
  process: processTarget,
  docker: dockerTarget,
  attach: attachTarget,
} satisfies Record<string, TargetFactory>;

export type TargetType = keyof typeof targets;
