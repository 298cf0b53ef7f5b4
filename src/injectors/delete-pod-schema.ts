import { z } from 'zod';
import { faultBase } from './injector.js';
import { checkNodeSelection, nodeSelectionFields } from './node-selection-schema.js';

export const deletePodSchema = faultBase
  .extend({
    type: z.literal('delete-pod'),
    ...nodeSelectionFields,
    grace_period: z.number().int().min(0).max(3600).default(0).meta({
      description:
        "Seconds the pod's containers get to stop (default 0: deleted at once, as a node crash leaves it).",
    }),
  })
  .superRefine((value, ctx) => {
    checkNodeSelection(value, ctx);
    if (value.duration !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message:
          "a delete-pod fault happens once and has nothing to revert (the pod's controller recreates it): remove duration",
      });
  });
