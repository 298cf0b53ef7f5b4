import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { TargetError, errorMessage } from '../../common/errors.js';

/** The clients of one cluster, made once per run from one kubeconfig and context. */
export interface Cluster {
  readonly config: k8s.KubeConfig;
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
  readonly objects: k8s.KubernetesObjectApi;
  readonly exec: k8s.Exec;
  readonly portForward: k8s.PortForward;
  readonly log: k8s.Log;
  /** The kubeconfig file and context in use, for messages and for cleanup's records. */
  readonly kubeconfigFile: string;
  readonly context: string;
}

/**
 * Loads the kubeconfig (the given file, else $KUBECONFIG, else ~/.kube/config) and selects the
 * context (the given one, else its current context), as kubectl would.
 */
export function connectCluster(options: { kubeconfig?: string; context?: string; baseDir: string }): Cluster {
  const file = kubeconfigFile(options.kubeconfig, options.baseDir);
  const config = new k8s.KubeConfig();
  try {
    if (options.kubeconfig === undefined && process.env.KUBECONFIG) config.loadFromDefault();
    else config.loadFromFile(file);
  } catch (error) {
    throw new TargetError(`could not read the kubeconfig ${file}: ${errorMessage(error)}`, {
      hint: 'set target.kubeconfig or $KUBECONFIG to a kubeconfig file (`kubectl config view` shows the current one)',
    });
  }
  if (options.context !== undefined) {
    if (!config.getContextObject(options.context))
      throw new TargetError(`the kubeconfig ${file} has no context "${options.context}"`, {
        hint: `its contexts: ${
          config
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        }`,
      });
    config.setCurrentContext(options.context);
  }
  if (!config.getCurrentCluster())
    throw new TargetError(
      `the kubeconfig ${file} names no cluster for context "${config.getCurrentContext()}"`,
      {
        hint: 'set target.context to a context of the kubeconfig',
      },
    );
  return {
    config,
    core: config.makeApiClient(k8s.CoreV1Api),
    apps: config.makeApiClient(k8s.AppsV1Api),
    objects: k8s.KubernetesObjectApi.makeApiClient(config),
    exec: new k8s.Exec(config),
    portForward: new k8s.PortForward(config),
    log: new k8s.Log(config),
    kubeconfigFile: file,
    context: config.getCurrentContext(),
  };
}

function kubeconfigFile(given: string | undefined, baseDir: string): string {
  if (given !== undefined) return isAbsolute(given) ? given : resolve(baseDir, given);
  const fromEnv = process.env.KUBECONFIG?.split(':').find((path) => path.length > 0);
  return fromEnv ?? resolve(homedir(), '.kube', 'config');
}

/** The HTTP status of a failed API call (404, 409...), or undefined for other errors. */
export function apiStatus(error: unknown): number | undefined {
  return error instanceof k8s.ApiException ? error.code : undefined;
}

/** The API's own message for a failed call ("pods \"web-0\" not found"), else the error's. */
export function apiMessage(error: unknown): string {
  if (error instanceof k8s.ApiException) {
    const body: unknown = error.body;
    const parsed = typeof body === 'string' ? safeJson(body) : body;
    const message = (parsed as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string') return `${message} (HTTP ${error.code})`;
    return `HTTP ${error.code}`;
  }
  return errorMessage(error);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
