import { z } from 'zod';
import { faultBase } from './injector.js';
import { checkNodeSelection, nodeSelectionFields } from './node-selection-schema.js';

/**
 * The schema of a fault acting on nodes (kill, pause, stop...). An `instant` fault (restart, start)
 * has nothing to revert, so a `duration` on it is a mistake worth reporting.
 */
export function nodeFaultSchema<T extends string>(type: T, options: { instant?: boolean } = {}) {
  return faultBase.extend({ type: z.literal(type), ...nodeSelectionFields }).superRefine((value, ctx) => {
    checkNodeSelection(value, ctx);
    if (options.instant && value.duration !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: `a ${type} fault happens once and has nothing to revert: remove duration`,
      });
    }
  });
}

/** The faults that act on whole nodes; each file (kill.ts...) holds what it does. */
export const killSchema = nodeFaultSchema('kill');
export const pauseSchema = nodeFaultSchema('pause');
export const stopSchema = nodeFaultSchema('stop');
export const restartSchema = nodeFaultSchema('restart', { instant: true });
export const startSchema = nodeFaultSchema('start', { instant: true });
