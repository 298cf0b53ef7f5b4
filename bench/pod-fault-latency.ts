/**
 * Fault effect latency on pods (issue 13): from the instant a fault is due to its effect verified,
 * median of 10, against the local Kubernetes cluster (`npm run k8s:up`, KUBECONFIG or its
 * kubeconfig): kill (the container's main process SIGKILLed through the node agent, the kubelet's
 * restart seen), delete-pod (grace 0, until the API no longer serves that pod; a StatefulSet's pod,
 * so its controller recreates it for the next round), partition via network (iptables through
 * ephemeral containers, helpers started in prepare, which is counted).
 */
import { randomBytes } from 'node:crypto';
import { SystemClock } from '../src/common/clock.js';
import { localClusterKubeconfig } from '../src/common/readiness/kubeconfig.js';
import { silentLogger } from '../src/common/logger.js';
import { offlineNodeControl } from '../src/engine/offline-node-control.js';
import { runUndoStep } from '../src/engine/undo-executor.js';
import type { FaultContext, InjectorFactory } from '../src/injectors/injector.js';
import { injectors } from '../src/injectors/registry.js';
import { kubernetesTarget } from '../src/targets/kubernetes/kubernetes-target.js';
import type { StartedTarget } from '../src/targets/target.js';
import { median, type BenchReport, type BenchRow } from './bench-report.js';

const ROUNDS = 10;

const podSpec = {
  terminationGracePeriodSeconds: 1,
  containers: [
    {
      name: 'http-echo',
      image: 'firedrill/http-echo:1',
      imagePullPolicy: 'Never',
      readinessProbe: { httpGet: { path: '/health', port: 8080 }, periodSeconds: 1 },
    },
  ],
};

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: podSpec });

/** The kubelet backs off restarting a container killed again and again (10s, 20s, 40s...): each round kills another pod. */
const victims = Array.from({ length: ROUNDS }, (_, i) => `k${i}`);

/** A deleted bare pod stays deleted: delete-pod's victims are a StatefulSet's pods (d-0...), recreated under their name. */
const deleted = Array.from({ length: ROUNDS }, (_, i) => `d-${i}`);
const statefulSet = [
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'd' },
    spec: { clusterIP: 'None', selector: { app: 'd' }, ports: [{ port: 8080 }] },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'd' },
    spec: {
      serviceName: 'd',
      replicas: ROUNDS,
      // All at once, at start and when one is recreated: not one after the other.
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: { app: 'd' } },
      template: { metadata: { labels: { app: 'd' } }, spec: podSpec },
    },
  },
];

const cases: { label: string; fault: (round: number) => Record<string, unknown> }[] = [
  { label: 'kill (pod container, restart seen)', fault: (i) => ({ type: 'kill', node: victims[i] }) },
  {
    label: 'delete-pod (grace 0, gone from the API)',
    fault: (i) => ({ type: 'delete-pod', node: deleted[i] }),
  },
  {
    label: 'partition via network (2 pods, helpers incl.)',
    fault: () => ({ type: 'partition', groups: [['a'], ['b']] }),
  },
];

export async function run(): Promise<BenchReport> {
  process.env.KUBECONFIG ??= localClusterKubeconfig(process.env);
  const runId = `bench-${randomBytes(3).toString('hex')}`;
  const context = {
    runId,
    baseDir: process.cwd(),
    clock: new SystemClock(),
    logger: silentLogger,
    signal: new AbortController().signal,
    recordResource: async () => {},
  };
  const config = kubernetesTarget.schema.parse({
    type: 'kubernetes',
    manifests: [...['a', 'b', ...victims].map(pod), ...statefulSet],
    nodes: Object.fromEntries(['a', 'b', ...victims, ...deleted].map((name) => [name, { pod: name }])),
  });
  const target = await kubernetesTarget.start(config, context);
  try {
    const faultContext: FaultContext = { ...context, target, random: Math.random };
    const rows: BenchRow[] = [];
    for (const c of cases) {
      if (!((c.fault(0).type as string) in injectors)) {
        rows.push({ label: c.label, value: 'no injector' });
        continue;
      }
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) times.push(await measureOnce(c.fault(i), faultContext, target));
      rows.push({ label: c.label, value: `${median(times).toFixed(1)} ms` });
    }
    return { rows };
  } finally {
    await target.stop().catch(() => undefined);
  }
}

/** One fault: due 20 ms from now, measured to its effect verified (prepare included); reverted; the pod Ready again. */
async function measureOnce(
  spec: Record<string, unknown>,
  context: FaultContext,
  target: StartedTarget,
): Promise<number> {
  const injector = (await injectors[spec.type as keyof typeof injectors].load()) as InjectorFactory;
  const fault = injector.create(injector.schema.parse(spec));
  const due = performance.now() + 20;
  await new Promise((resolve) => setTimeout(resolve, 20));
  const undo = await fault.prepare(context);
  await fault.inject(context).finally(() => fault.release?.());
  const latency = performance.now() - due;
  for (const step of undo.reverse()) await runUndoStep(step, { target, offline: offlineNodeControl });
  await waitRunning(target, 120_000);
  return latency;
}

async function waitRunning(target: StartedTarget, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const node of target.nodes.values())
    while (!(await node.isRunning())) {
      if (Date.now() > deadline) throw new Error(`${node.name} did not run again within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
}
