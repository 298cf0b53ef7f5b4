import Dockerode from 'dockerode';
import type { NodeRef } from '../targets/target.js';
import type { OfflineNodeControl } from './undo-executor.js';
import { signalProcessRef } from '../targets/process/process-signal.js';
import { execInContainer } from '../targets/docker/container-exec.js';

/** An undo command (kill a hog, delete a fill file) is quick; one that hangs must not hold cleanup. */
const UNDO_EXEC_TIMEOUT_MS = 30_000;

/**
 * Undo steps acting on recorded node identities when the run's live target is gone
 * (`firedrill cleanup` after the firedrill process was killed).
 */
export const offlineNodeControl: OfflineNodeControl = {
  async resume(ref) {
    if (ref.kind === 'process')
      return `${ref.node} (pid ${ref.pid}): SIGCONT ${await signalProcessRef(ref, 'SIGCONT')}`;
    await container(ref).unpause();
    return `unpaused container ${ref.node}`;
  },
  async start(ref) {
    if (ref.kind === 'process') return `${ref.node}: not restarted (its supervisor is gone with the run)`;
    await container(ref).start();
    return `started container ${ref.node}`;
  },
  async exec(ref, command) {
    if (ref.kind === 'process')
      return `${ref.node}: skipped ${command.join(' ')} (process targets run undo commands live only)`;
    const result = await execInContainer(new Dockerode(), ref.id, command, {
      timeoutMs: UNDO_EXEC_TIMEOUT_MS,
    });
    if (result.exitCode !== 0)
      throw new Error(`exit ${result.exitCode}: ${(result.stderr || result.stdout).trim().slice(0, 300)}`);
    return `ran ${command.join(' ')} in container ${ref.node}`;
  },
};

function container(ref: Extract<NodeRef, { kind: 'container' }>): Dockerode.Container {
  return new Dockerode().getContainer(ref.id);
}
