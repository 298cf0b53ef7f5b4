import type { HttpCall } from '../injectors/action/http-call.js';
import type { NodeRef } from '../targets/target.js';

/**
 * How to revert one change, as data: it is written to the run's state file before the change is
 * made, so that it can be replayed by `firedrill cleanup` after the firedrill process died.
 */
export type UndoStep =
  | { action: 'node.resume'; ref: NodeRef; description: string }
  | { action: 'node.start'; ref: NodeRef; description: string }
  | { action: 'exec'; ref: NodeRef; command: string[]; description: string }
  | { action: 'toxic.remove'; toxiproxyUrl: string; proxy: string; toxic: string; description: string }
  | { action: 'proxy.enable'; toxiproxyUrl: string; proxy: string; description: string }
  | { action: 'file.remove'; path: string; description: string }
  | { action: 'file.restore'; path: string; backup: string; description: string }
  /** Ends host processes listed in a pid file (memory and CPU hogs of process targets). */
  | { action: 'process.kill'; pidFile: string; description: string }
  /** A revert command run on the host (process nodes, or faults without a node). */
  | { action: 'host.exec'; command: string[]; cwd: string; env?: Record<string, string>; description: string }
  | { action: 'http.request'; request: HttpCall; description: string }
  /** A command in a container's network namespace, from a NET_ADMIN sidecar (partition rules). */
  | { action: 'netns.exec'; ref: NodeRef; runId: string; command: string[]; description: string };

export type UndoAction = UndoStep['action'];
