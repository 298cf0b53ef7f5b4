import { z } from 'zod';

/** A command of a scenario (an `exec` fault, its revert, a drift change). */
export const commandSchema = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .meta({ description: 'A string runs through sh -c; a list is the program and its arguments.' });
export type Command = z.output<typeof commandSchema>;
