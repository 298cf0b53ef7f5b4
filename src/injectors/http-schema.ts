import { z } from 'zod';
import { httpRequestSchema } from './action/http-call.js';
import { revertRequiredForDuration } from './action/revert-rule.js';
import { faultBase } from './injector.js';

/** The `http` fault's fields (http.ts holds what it does). */
export const httpSchema = faultBase
  .extend({
    type: z.literal('http'),
    ...httpRequestSchema.shape,
    revert: httpRequestSchema.optional().meta({ description: 'The request that undoes this one.' }),
  })
  .superRefine(revertRequiredForDuration('http', 'request'));
