import { config } from 'zod';

/**
 * For a command that parses each schema once (validate, plan). At an object schema's first parse
 * zod compiles a fast parser for it with `new Function`, which pays off over many parses, not one:
 * for `validate` it was ~25 ms of CPU. The results are the same either way.
 */
export function parseEachSchemaOnce(): void {
  config({ jitless: true });
}
