import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';
import { localClusterKubeconfig } from '../../../src/common/readiness/kubeconfig.js';
import { gatherKubernetesFacts, type KubernetesFacts } from '../../../src/common/readiness/kubernetes.js';

const run = promisify(execFile);

/** CI sets FIREDRILL_REQUIRE_KUBERNETES=1 once it brings the cluster up: then a missing one fails. */
export const kubernetesRequired = process.env.FIREDRILL_REQUIRE_KUBERNETES === '1';

/** The cluster `npm run k8s:up` makes (scripts/setup-k8s.sh), and the kubectl it builds. */
export const kubeconfig = localClusterKubeconfig(process.env);
export const kubectlPath = join(
  process.env.FIREDRILL_K8S_BIN_DIR || '/usr/local/lib/firedrill/k8s/bin',
  'kubectl',
);

// Asked once per test file, before its suites are declared.
export const clusterFacts: KubernetesFacts = await gatherKubernetesFacts(
  { ...process.env, KUBECONFIG: kubeconfig },
  AbortSignal.timeout(15_000),
);

function unavailableReason(facts: KubernetesFacts): string | undefined {
  const start = 'start it with `sudo npm run k8s:up`';
  switch (facts.kind) {
    case 'reachable':
      return facts.nodes.some((node) => node.ready)
        ? undefined
        : `the local cluster has no Ready node (${start})`;
    case 'no-kubeconfig':
      return `no local cluster: ${kubeconfig} does not exist (${start})`;
    case 'unreachable':
      return `the local cluster at ${facts.target.server} does not answer: ${facts.error} (${start})`;
    case 'bad-kubeconfig':
      return facts.problem;
    case 'unsupported-auth':
      return `${kubeconfig} authenticates by ${facts.way}, which these tests do not speak`;
  }
}

export const clusterUnavailable = unavailableReason(clusterFacts);

/** `describe` for suites that need the local cluster: skipped without it, failing when required. */
export function describeWithCluster(name: string, suite: () => void): void {
  if (!clusterUnavailable) {
    describe(name, suite);
  } else if (kubernetesRequired) {
    describe(name, () => {
      it('needs the local Kubernetes cluster (FIREDRILL_REQUIRE_KUBERNETES=1)', () => {
        throw new Error(clusterUnavailable);
      });
    });
  } else {
    // Printed, not only in the suite's name: the default reporter folds a skipped file to one line.
    process.stderr.write(`[kubernetes e2e] ${name}: skipped: ${clusterUnavailable}\n`);
    describe.skip(`${name} (skipped: ${clusterUnavailable})`, suite);
  }
}

/** kubectl against the local cluster, `input` on its stdin; rejects with its stderr. */
export async function kubectl(args: string[], timeoutMs = 60_000, input?: string): Promise<string> {
  const pending = run(kubectlPath, ['--kubeconfig', kubeconfig, ...args], {
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (input !== undefined) pending.child.stdin?.end(input);
  const { stdout } = await pending;
  return stdout;
}

/** kubectl port-forward to a free local port; resolves with the port once it forwards. */
export async function portForward(
  namespace: string,
  resource: string,
  remotePort: number,
  timeoutMs = 60_000,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    kubectlPath,
    ['--kubeconfig', kubeconfig, '-n', namespace, 'port-forward', resource, `:${remotePort}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`port-forward gave no port in ${timeoutMs} ms: ${output}`)),
      timeoutMs,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`port-forward exited with ${code}: ${output}`));
    });
  });
  return { port, child };
}
