import type { InjectorFactory } from './injector.js';

/** Every fault type firedrill knows, by its `type` in a scenario. */
export const injectors = {} satisfies Record<string, InjectorFactory>;

export type FaultType = keyof typeof injectors;
