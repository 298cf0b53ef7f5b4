import type { TargetFactory } from './target.js';

/** Every target driver, by its `type` in a scenario. */
export const targets = {} satisfies Record<string, TargetFactory>;

export type TargetType = keyof typeof targets;
