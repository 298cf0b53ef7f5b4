import { hostname } from 'node:os';
import type Docker from 'dockerode';
import { errorMessage } from './errors.js';
import { loadOnDemand } from './load-on-demand.js';

/** Label on every container, network and proxy firedrill (or its tests) creates: `firedrill.run=<runId>`. */
export const RUN_LABEL = 'firedrill.run';
/**
 * Label naming the process that created a container or network, `<hostname>:<pid>`, so that
 * `firedrill cleanup` leaves the resources of a drill still running elsewhere alone.
 */
export const OWNER_LABEL = 'firedrill.owner';

/** The labels of everything a run creates. */
export function runLabels(runId: string): Record<string, string> {
  return { [RUN_LABEL]: runId, [OWNER_LABEL]: `${hostname()}:${process.pid}` };
}

const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';
const DEFAULT_PROBE_TIMEOUT_MS = 3_000;

/**
 * A dockerode client on the engine the Docker CLI would use: `DOCKER_HOST` when set, else the
 * default socket. Cheap to create; not cached, so a changed `DOCKER_HOST` takes effect.
 */
export function dockerClient(): Docker {
  const Dockerode = loadOnDemand<typeof Docker>('dockerode');
  return new Dockerode();
}

/** Where the engine is expected, for messages: `DOCKER_HOST` or the default socket. */
export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST || DEFAULT_SOCKET;
}

export interface ProbeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type DockerProbe =
  | { reachable: true; endpoint: string; apiVersion: string; engineVersion: string; rootDir?: string }
  | { reachable: false; endpoint: string; error: string };

/** Asks the engine for its versions; never throws: an unreachable engine is an answer too. */
export async function probeDocker(options: ProbeOptions = {}): Promise<DockerProbe> {
  const endpoint = dockerEndpoint();
  const signal = probeSignal(options);
  try {
    // dockerode honours `abortSignal` on ping/version/info although its types omit the option.
    const docker = dockerClient() as unknown as SignalledDocker;
    await docker.ping({ abortSignal: signal });
    const [version, info] = await Promise.all([
      docker.version({ abortSignal: signal }),
      docker.info({ abortSignal: signal }).catch(() => undefined),
    ]);
    return {
      reachable: true,
      endpoint,
      apiVersion: version.ApiVersion,
      engineVersion: version.Version,
      ...(info?.DockerRootDir ? { rootDir: info.DockerRootDir } : {}),
    };
  } catch (error) {
    return { reachable: false, endpoint, error: describeDockerError(error, signal) };
  }
}

/** True when the engine answers a ping within the timeout (default 3 s). */
export async function dockerAvailable(options: ProbeOptions = {}): Promise<boolean> {
  return (await probeDocker(options)).reachable;
}

/** True when the image is in the engine's local store (nothing is pulled). */
export async function imagePresent(name: string, options: ProbeOptions = {}): Promise<boolean> {
  const signal = probeSignal(options);
  try {
    await raceAbort(dockerClient().getImage(name).inspect(), signal);
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

interface SignalledDocker {
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
  version(options: { abortSignal: AbortSignal }): Promise<{ ApiVersion: string; Version: string }>;
  info(options: { abortSignal: AbortSignal }): Promise<{ DockerRootDir?: string }>;
}

function probeSignal(options: ProbeOptions): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
  return options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describeDockerError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'no answer before the timeout';
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no socket there (connect ENOENT)';
  if (code === 'EACCES') return 'permission denied on the socket (connect EACCES)';
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  return errorMessage(error);
}
