import { rmSync } from 'node:fs';
import { OWNER_LABEL, RUN_LABEL, dockerClient } from '../common/docker.js';
import { errorMessage } from '../common/errors.js';
import type { Resource } from '../targets/target.js';
import { terminateProcessGroup } from '../targets/process/process-signal.js';
import { deleteProxy } from '../links/started-links.js';
import { offlineNodeControl } from './offline-node-control.js';
import { readLeftoverStates, type RunState } from './state-file.js';
import { runUndoStep } from './undo-executor.js';
import { isAlive, liveOwner } from './cleanup-owner.js';
import type { ClusterAddress } from './cleanup-kubernetes.js';

export { liveOwner };

export interface CleanupLine {
  runId: string;
  ok: boolean;
  text: string;
}

/**
 * Reverts what crashed runs left behind: replays their pending undo steps (most recent first),
 * ends the processes and removes the containers and networks they created, then sweeps any
 * container or network labelled `firedrill.run` whose run is not alive: neither a live run in
 * this state directory nor created by a process still running (`firedrill.owner`). `force`
 * reverts and removes all of it, live or not; `only` limits it to the runs of that pid (a forced
 * exit cleaning up after itself), without the sweep.
 */
export async function cleanupLeftovers(
  stateRoot: string,
  options: { force?: boolean; only?: number } = {},
): Promise<CleanupLine[]> {
  const lines: CleanupLine[] = [];
  const live = new Set<string>();
  // The default cluster, and every cluster a run recorded (its kubeconfig and context).
  const clusters: ClusterAddress[] = [{}];
  for (const leftover of readLeftoverStates(stateRoot)) {
    if (leftover.problem !== undefined) {
      // Kept on disk: an unreadable state may still list undos someone has to run by hand.
      lines.push({ runId: leftover.runId, ok: false, text: `state refused, kept: ${leftover.problem}` });
      continue;
    }
    const { dir, state } = leftover;
    clusters.push(...clustersOf(state));
    if (options.only !== undefined && state.pid !== options.only) continue;
    if (!options.force && state.pid !== process.pid && isAlive(state.pid)) {
      live.add(state.runId);
      lines.push({ runId: state.runId, ok: true, text: `still running (pid ${state.pid}): left alone` });
      continue;
    }
    const runLines = [...(await revertPending(state)), ...(await removeResources(state))];
    lines.push(...runLines);
    if (runLines.every((l) => l.ok)) rmSync(dir, { recursive: true, force: true });
  }
  if (options.only === undefined) {
    lines.push(...(await sweepLabelled(live, options.force ?? false)));
    // Kubernetes' client loads only when cleanup runs: `run` imports this module.
    const { sweepKubernetes } = await import('./cleanup-kubernetes.js');
    lines.push(...(await sweepKubernetes(clusters, live, options.force ?? false)));
  }
  return lines;
}

async function revertPending(state: RunState): Promise<CleanupLine[]> {
  const lines: CleanupLine[] = [];
  for (const entry of [...state.pending].reverse()) {
    for (const step of [...entry.steps].reverse()) {
      try {
        const detail = await runUndoStep(step, { offline: offlineNodeControl });
        lines.push({ runId: state.runId, ok: true, text: `reverted ${entry.faultId}: ${detail}` });
      } catch (error) {
        lines.push({
          runId: state.runId,
          ok: false,
          text: `could not revert ${entry.faultId} (${step.description}): ${errorMessage(error)}`,
        });
      }
    }
  }
  return lines;
}

async function removeResources(state: RunState): Promise<CleanupLine[]> {
  const lines: CleanupLine[] = [];
  for (const resource of [...state.resources].reverse()) {
    try {
      lines.push({ runId: state.runId, ok: true, text: await removeResource(resource) });
    } catch (error) {
      lines.push({
        runId: state.runId,
        ok: false,
        text: `could not remove ${resource.description}: ${errorMessage(error)}`,
      });
    }
  }
  return lines;
}

async function removeResource(resource: Resource): Promise<string> {
  switch (resource.kind) {
    case 'process':
      return `${resource.description} (pid ${resource.pid}): ${await terminateProcessGroup(resource, { graceMs: 3000 })}`;
    case 'container':
      await dockerClient().getContainer(resource.id).remove({ force: true, v: true }).catch(ignoreMissing);
      return `removed container ${resource.description}`;
    case 'network':
      await dockerClient().getNetwork(resource.id).remove().catch(ignoreMissing);
      return `removed network ${resource.description}`;
    case 'proxy':
      await deleteProxy(resource.toxiproxyUrl, resource.name);
      return `removed ${resource.description} from ${resource.toxiproxyUrl}`;
    default:
      throw new Error(`unknown resource kind "${(resource as { kind: string }).kind}": left as it is`);
  }
}

async function sweepLabelled(liveRuns: ReadonlySet<string>, force: boolean): Promise<CleanupLine[]> {
  const docker = dockerClient();
  try {
    await docker.ping();
  } catch {
    return [];
  }
  const filters = JSON.stringify({ label: [RUN_LABEL] });
  const lines: CleanupLine[] = [];
  const leftAlone = new Set<string>();
  /** The run id of a labelled resource to remove, or undefined when its run or owner is alive. */
  const leftoverRun = (labels: Record<string, string> | undefined): string | undefined => {
    const runId = labels?.[RUN_LABEL] ?? '?';
    if (liveRuns.has(runId)) return undefined;
    const owner = force ? undefined : liveOwner(labels?.[OWNER_LABEL]);
    if (owner === undefined) return runId;
    if (!leftAlone.has(runId))
      lines.push({ runId, ok: true, text: `created by ${owner}, still running: left alone` });
    leftAlone.add(runId);
    return undefined;
  };
  for (const info of await docker.listContainers({ all: true, filters })) {
    const runId = leftoverRun(info.Labels);
    if (runId === undefined) continue;
    await docker.getContainer(info.Id).remove({ force: true, v: true }).catch(ignoreMissing);
    lines.push({ runId, ok: true, text: `removed leftover container ${info.Names[0] ?? info.Id}` });
  }
  for (const info of await docker.listNetworks({ filters })) {
    const runId = leftoverRun(info.Labels);
    if (runId === undefined) continue;
    await docker.getNetwork(info.Id).remove().catch(ignoreMissing);
    lines.push({ runId, ok: true, text: `removed leftover network ${info.Name}` });
  }
  return lines;
}

function ignoreMissing(error: { statusCode?: number }): void {
  if (error.statusCode !== 404) throw error;
}

/** The clusters a run's records name: its Kubernetes objects and pod nodes carry kubeconfig and context. */
function clustersOf(state: RunState): ClusterAddress[] {
  const records: unknown[] = [
    ...state.resources,
    ...state.pending.flatMap((entry) => entry.steps.map((step) => (step as { ref?: unknown }).ref)),
  ];
  return records.flatMap((record) => {
    const { kind, kubeconfig, context } = (record ?? {}) as {
      kind?: string;
      kubeconfig?: string;
      context?: string;
    };
    return kind === 'kubernetes' || kind === 'pod' ? [{ kubeconfig, context }] : [];
  });
}
