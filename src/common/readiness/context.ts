import { imagePresent, probeDocker, type DockerProbe } from '../docker.js';
import type { ReadinessContext } from './check.js';

export interface ReadinessOptions {
  toxiproxyUrl?: string;
  signal?: AbortSignal;
  /** Bounds the whole readiness run; default 15 s. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  nodeVersion?: string;
}

/** The real context: asks the engine once and remembers the answer. */
export function createReadinessContext(options: ReadinessOptions = {}): ReadinessContext {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let engine: Promise<DockerProbe> | undefined;
  const context: ReadinessContext = {
    signal,
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    nodeVersion: options.nodeVersion ?? process.version,
    toxiproxyUrl: options.toxiproxyUrl,
    engine: () => (engine ??= probeDocker({ signal })),
    image: async (name) => {
      if (!(await context.engine()).reachable) return undefined;
      return imagePresent(name, { signal }).catch(() => undefined);
    },
  };
  return context;
}
