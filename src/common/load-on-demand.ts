import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Loads a CommonJS package the first time a drill needs it, synchronously, so that a sync
 * constructor can stay sync. A static import would load it for every command: dockerode,
 * ioredis and testcontainers together weigh more than the rest of firedrill (`validate` and
 * `--help` never touch them); node-cron only matters to schedules. Callers keep `import type` for the types.
 */
export function loadOnDemand<T>(name: 'dockerode' | 'ioredis' | 'node-cron'): T {
  return require(name) as T;
}
