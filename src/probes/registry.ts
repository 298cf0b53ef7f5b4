import type { ProbeFactory } from './probe.js';

/** Every probe type firedrill knows, by its `type` in a scenario. */
export const probes = {} satisfies Record<string, ProbeFactory>;

export type ProbeType = keyof typeof probes;
