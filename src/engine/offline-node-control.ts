import type Dockerode from 'dockerode';
import { dockerClient } from '../common/docker.js';
import type { NodeRef } from '../targets/target.js';
import { UNDO_EXEC_TIMEOUT_MS, requireExitZero, type OfflineNodeControl } from './undo-executor.js';
import { signalProcessRef } from '../targets/process/process-signal.js';
import { execInContainer } from '../targets/docker/container-exec.js';

/**
 * Undo steps acting on recorded node identities when the run's live target is gone
 * (`firedrill cleanup` after the firedrill process was killed).
 */
export const offlineNodeControl: OfflineNodeControl = {
  async resume(ref) {
    if (ref.kind === 'pod') return podExec(ref, 'resumed', (await kubernetesOffline()).RESUME_COMMAND);
    if (ref.kind === 'process')
      return `${ref.node} (pid ${ref.pid}): SIGCONT ${await signalProcessRef(ref, 'SIGCONT')}`;
    await container(ref).unpause();
    return `unpaused container ${ref.node}`;
  },
  async start(ref) {
    if (ref.kind === 'pod') return `${ref.node}: the kubelet restarts a pod's container by itself`;
    if (ref.kind === 'process') return `${ref.node}: not restarted (its supervisor is gone with the run)`;
    await container(ref).start();
    return `started container ${ref.node}`;
  },
  async exec(ref, command) {
    if (ref.kind === 'pod') return podExec(ref, `ran ${command.join(' ')} in`, command);
    if (ref.kind === 'process')
      return `${ref.node}: skipped ${command.join(' ')} (process targets run undo commands live only)`;
    requireExitZero(
      await execInContainer(dockerClient(), ref.id, command, { timeoutMs: UNDO_EXEC_TIMEOUT_MS }),
    );
    return `ran ${command.join(' ')} in container ${ref.node}`;
  },
};

/** Loaded only for a run that had pods: the Kubernetes client is heavy. */
function kubernetesOffline(): Promise<typeof import('../targets/kubernetes/offline-pod.js')> {
  return import('../targets/kubernetes/offline-pod.js');
}

async function podExec(
  ref: Extract<NodeRef, { kind: 'pod' }>,
  done: string,
  command: readonly string[],
): Promise<string> {
  const result = await (await kubernetesOffline()).execInRecordedPod(ref, command, UNDO_EXEC_TIMEOUT_MS);
  if (typeof result === 'string') return result;
  requireExitZero(result);
  return `${done} pod ${ref.namespace}/${ref.pod}`;
}

function container(ref: Extract<NodeRef, { kind: 'container' }>): Dockerode.Container {
  return dockerClient().getContainer(ref.id);
}
