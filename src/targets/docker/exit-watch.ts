import type Docker from 'dockerode';
import type { Clock } from '../../common/clock.js';
import { exitedForGood, nodeExitedError } from './node-exit.js';

const POLL_MS = 100;
/** Docker's StartedAt before the first start. */
const NEVER_STARTED = '0001-01-01T00:00:00Z';

export interface ExitWatch {
  /** Rejects with the node's exit code and last lines once its container has exited for good. */
  readonly exited: Promise<never>;
  stop(): void;
}

/**
 * Watches a node's container from its creation until `stop`: a node that exits while firedrill
 * starts it (before its ports are even published, or during its wait) fails the start at once,
 * instead of after testcontainers' port timeout or the wait's.
 */
export function watchForExit(
  docker: Docker,
  node: string,
  containerId: () => string | undefined,
  waitingFor: string,
  clock: Clock,
): ExitWatch {
  const stopped = new AbortController();
  const exited = new Promise<never>((_resolve, reject) => {
    const check = async (): Promise<void> => {
      while (!stopped.signal.aborted) {
        const id = containerId();
        const state = id
          ? await docker
              .getContainer(id)
              .inspect()
              .then(
                (info) => info.State,
                () => undefined,
              )
          : undefined;
        if (stopped.signal.aborted) return;
        if (state && state.StartedAt !== NEVER_STARTED && exitedForGood(state)) {
          reject(await nodeExitedError(node, docker.getContainer(id!), state, waitingFor));
          return;
        }
        await clock.sleep(POLL_MS, stopped.signal).catch(() => undefined);
      }
    };
    void check();
  });
  return { exited, stop: () => stopped.abort() };
}
