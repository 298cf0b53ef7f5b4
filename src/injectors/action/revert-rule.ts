import type { z } from 'zod';

/**
 * The refinement of a custom action (`exec`, `http`): with a `duration`, it must say how it is
 * undone, since firedrill cannot guess the reverse of a user's command.
 */
export function revertRequiredForDuration(fault: string, revert: string) {
  return (value: { duration?: number | undefined; revert?: unknown }, ctx: z.RefinementCtx): void => {
    if (value.duration !== undefined && value.revert === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: `an ${fault} fault reverts after its duration only with a \`revert\` ${revert}: add one, or remove duration`,
      });
  };
}
