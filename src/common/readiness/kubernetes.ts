import { request } from 'node:https';
import { errorMessage } from '../errors.js';
import type { CheckResult, ReadinessCheck } from './check.js';
import {
  KubeconfigProblem,
  kubeconfigCandidates,
  loadKubeconfig,
  type KubeconfigTarget,
} from './kubeconfig.js';

/** What doctor learnt about the cluster the current kubeconfig context points at. */
export type KubernetesFacts =
  | { kind: 'no-kubeconfig'; candidates: string[] }
  | { kind: 'bad-kubeconfig'; problem: string }
  | { kind: 'unsupported-auth'; target: KubeconfigTarget; way: string }
  | { kind: 'unreachable'; target: KubeconfigTarget; error: string }
  | { kind: 'reachable'; target: KubeconfigTarget; version: string; nodes: NodeSummary[] };

export interface NodeSummary {
  name: string;
  ready: boolean;
}

const START_LOCAL = 'start the local cluster: `sudo npm run k8s:up` (see docs/kubernetes.md)';

/** The cluster is optional (only kubernetes drills need it), so no row here ever blocks. */
export function assessKubernetes(facts: KubernetesFacts): CheckResult {
  switch (facts.kind) {
    case 'no-kubeconfig':
      return {
        status: 'missing',
        detail: `no kubeconfig (looked at ${facts.candidates.join(', ')})`,
        fix: `${START_LOCAL}, or set KUBECONFIG`,
      };
    case 'bad-kubeconfig':
      return {
        status: 'missing',
        detail: facts.problem,
        fix: 'fix the kubeconfig, or set KUBECONFIG to another',
      };
    case 'unsupported-auth':
      return {
        status: 'warn',
        detail: `context ${facts.target.context} (${facts.target.path}) authenticates by ${facts.way}: doctor cannot check it`,
        fix: 'check it with `kubectl get nodes`',
      };
    case 'unreachable':
      return {
        status: 'missing',
        detail: `${facts.target.server} (context ${facts.target.context}) does not answer: ${facts.error}`,
        fix: `${START_LOCAL}, or switch to a running cluster's context`,
      };
    case 'reachable':
      return assessNodes(facts.target, facts.version, facts.nodes);
  }
}

function assessNodes(target: KubeconfigTarget, version: string, nodes: NodeSummary[]): CheckResult {
  const ready = nodes.filter((node) => node.ready).map((node) => node.name);
  const where = `${version} at ${target.server} (context ${target.context}, ${target.path})`;
  const count = `${ready.length}/${nodes.length} node${nodes.length === 1 ? '' : 's'} Ready`;
  if (ready.length === 0) {
    return {
      status: 'warn',
      detail: `${count}, ${where}`,
      fix: 'pods cannot run until a node is Ready: `kubectl describe nodes` tells why',
    };
  }
  return { status: 'ok', detail: `${count} (${ready.join(', ')}), ${where}` };
}

/** GET against the apiserver with the kubeconfig's TLS settings and credentials. */
function getJson(target: KubeconfigTarget, path: string, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      new URL(path, target.server),
      {
        signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]),
        rejectUnauthorized: !target.insecure,
        ...(target.ca ? { ca: target.ca } : {}),
        ...(target.cert ? { cert: target.cert } : {}),
        ...(target.key ? { key: target.key } : {}),
        headers: target.token ? { authorization: `Bearer ${target.token}` } : {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200) {
            reject(new Error(`GET ${path} answered HTTP ${response.statusCode}: ${body.slice(0, 200)}`));
            return;
          }
          try {
            resolvePromise(JSON.parse(body));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

interface NodeList {
  items?: { metadata?: { name?: string }; status?: { conditions?: { type?: string; status?: string }[] } }[];
}

export function summarizeNodes(list: NodeList): NodeSummary[] {
  return (list.items ?? []).map((node) => ({
    name: node.metadata?.name ?? '?',
    ready: (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
  }));
}

export async function gatherKubernetesFacts(
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<KubernetesFacts> {
  let target: KubeconfigTarget | undefined;
  try {
    target = await loadKubeconfig(env);
  } catch (error) {
    if (error instanceof KubeconfigProblem) return { kind: 'bad-kubeconfig', problem: error.message };
    throw error;
  }
  if (!target) return { kind: 'no-kubeconfig', candidates: kubeconfigCandidates(env) };
  if (target.unsupportedAuth) return { kind: 'unsupported-auth', target, way: target.unsupportedAuth };
  try {
    const version = (await getJson(target, '/version', signal)) as { gitVersion?: string };
    const nodes = summarizeNodes((await getJson(target, '/api/v1/nodes', signal)) as NodeList);
    return { kind: 'reachable', target, version: version.gitVersion ?? '?', nodes };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'unreachable', target, error: code && code !== 'ABORT_ERR' ? code : errorMessage(error) };
  }
}

export const kubernetesCheck: ReadinessCheck = {
  name: 'Kubernetes',
  blocking: false,
  run: async (context) => assessKubernetes(await gatherKubernetesFacts(context.env, context.signal)),
};
