import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { describeCommandFailure } from '../common/exec-error.js';
import { describeAnswer, sendHttpCall } from '../injectors/action/http-call.js';
import { killPidFile } from '../injectors/resource/host-pid-file.js';
import { revertInNetns } from '../targets/docker/netns-sidecar.js';
import { runCommand } from '../targets/process/run-command.js';
import type { ExecResult, NodeRef, StartedTarget, TargetNode } from '../targets/target.js';
import type { UndoAction, UndoStep } from './undo.js';

/**
 * What undo steps can act through. During a run the live target is there; in `firedrill cleanup`
 * after a crash it is not, and steps act on the recorded identities directly.
 */
export interface UndoEnvironment {
  target?: StartedTarget;
  /** Acts on a node without its live target (cleanup). */
  offline: OfflineNodeControl;
}

/** An undo command (kill a hog, delete a fill file) is quick; one that hangs must not hold a revert. */
export const UNDO_EXEC_TIMEOUT_MS = 30_000;

/** An undo command that exited non-zero did not undo: its exit code and what it printed. */
export function requireExitZero(result: ExecResult): void {
  if (result.exitCode !== 0) throw new Error(describeCommandFailure(result));
}

export interface OfflineNodeControl {
  resume(ref: NodeRef): Promise<string>;
  start(ref: NodeRef): Promise<string>;
  exec(ref: NodeRef, command: string[]): Promise<string>;
}

type Handler<A extends UndoAction> = (
  step: Extract<UndoStep, { action: A }>,
  env: UndoEnvironment,
) => Promise<string>;

const handlers: { [A in UndoAction]: Handler<A> } = {
  'node.resume': async (step, env) => {
    const node = liveNode(env, step.ref);
    if (!node) return env.offline.resume(step.ref);
    await node.resume();
    return `resumed ${step.ref.node}`;
  },
  'node.start': async (step, env) => {
    const node = liveNode(env, step.ref);
    if (!node) return env.offline.start(step.ref);
    if (await node.isRunning()) return `${step.ref.node} already running`;
    await node.start();
    return `started ${step.ref.node}`;
  },
  exec: async (step, env) => {
    const node = liveNode(env, step.ref);
    if (!node) return env.offline.exec(step.ref, step.command);
    requireExitZero(await node.exec(step.command, { timeoutMs: UNDO_EXEC_TIMEOUT_MS }));
    return `ran ${step.command.join(' ')} in ${step.ref.node}`;
  },
  'toxic.remove': async (step) => {
    const url = `${step.toxiproxyUrl}/proxies/${encodeURIComponent(step.proxy)}/toxics/${encodeURIComponent(step.toxic)}`;
    const response = await fetch(url, { method: 'DELETE', signal: AbortSignal.timeout(5000) });
    if (!response.ok && response.status !== 404)
      throw new Error(`Toxiproxy answered HTTP ${response.status}`);
    return `removed toxic ${step.toxic} from ${step.proxy}`;
  },
  'proxy.enable': async (step) => {
    const response = await fetch(`${step.toxiproxyUrl}/proxies/${encodeURIComponent(step.proxy)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok && response.status !== 404)
      throw new Error(`Toxiproxy answered HTTP ${response.status}`);
    return `enabled proxy ${step.proxy}`;
  },
  'file.remove': async (step) => {
    rmSync(step.path, { force: true });
    return `removed ${step.path}`;
  },
  'file.restore': async (step) => {
    // The backup is made before the change: without one, the change never happened.
    if (!existsSync(step.backup)) return `${step.path} unchanged (no backup was made)`;
    copyFileSync(step.backup, step.path);
    rmSync(step.backup, { force: true });
    return `restored ${step.path}`;
  },
  'process.kill': async (step) => killPidFile(step.pidFile),
  'host.exec': async (step) => {
    const result = await runCommand(step.command, { cwd: step.cwd, env: step.env, timeoutMs: 30_000 });
    requireExitZero(result);
    return `ran ${step.command.join(' ')} on the host`;
  },
  'http.request': async (step) => {
    const answer = await sendHttpCall(step.request);
    if (!answer.ok) throw new Error(describeAnswer(step.request, answer));
    return `${step.request.method} ${step.request.url}: ${answer.status}`;
  },
  'netns.exec': async (step) => {
    if (step.ref.kind === 'pod') {
      // Kubernetes' client loads only for a pod's undo.
      const { revertPodRules } = await import('../injectors/partition/via-pod-network.js');
      return revertPodRules(step.ref, step.command);
    }
    if (step.ref.kind !== 'container') throw new Error(`${step.ref.node} is not a container`);
    return revertInNetns(step.ref.id, step.ref.node, step.runId, step.command);
  },
};

/** Runs one undo step; resolves with what it did, rejects when it could not. */
export function runUndoStep(step: UndoStep, env: UndoEnvironment): Promise<string> {
  const handler = Object.hasOwn(handlers, step.action)
    ? (handlers[step.action] as Handler<UndoAction>)
    : undefined;
  if (!handler) return Promise.reject(new Error(`unknown undo action "${step.action}": not run`));
  return handler(step, env);
}

function liveNode(env: UndoEnvironment, ref: NodeRef): TargetNode | undefined {
  return env.target?.nodes.get(ref.node);
}
