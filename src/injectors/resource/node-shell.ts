import { TargetError } from '../../common/errors.js';
import { commandSaid } from '../../common/exec-error.js';
import type { ExecResult, TargetNode } from '../../targets/target.js';

export interface ShellOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * Runs a POSIX shell script in the node (`sh -c` in the container, or on the host for a process
 * node). Values go in as `$1`, `$2`... and are never pasted into the script, so paths with spaces
 * or quotes stay one word.
 */
export function runShell(
  node: TargetNode,
  script: string,
  args: readonly (string | number)[] = [],
  options: ShellOptions = {},
): Promise<ExecResult> {
  return node.exec(['sh', '-c', script, 'firedrill', ...args.map(String)], {
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.signal && { signal: options.signal }),
  });
}

/** Like runShell, but a non-zero exit is an error naming what was attempted; resolves with stdout. */
export async function shellOutput(
  node: TargetNode,
  what: string,
  script: string,
  args: readonly (string | number)[] = [],
  options: ShellOptions = {},
): Promise<string> {
  const result = await runShell(node, script, args, options);
  if (result.exitCode === 0) return result.stdout;
  const said = commandSaid(result);
  throw new TargetError(
    `${what} in ${node.name} failed (exit ${result.exitCode})${said ? `: ${said}` : ''}`,
    {
      hint: 'the fault runs POSIX shell tools in the node (sh, head, tail, dd, od, df, kill); check the image has them',
    },
  );
}

/** Containers (docker, attach, pods) act through `exec`; process nodes act on the host directly. */
export function isContainer(node: TargetNode): boolean {
  return node.ref().kind !== 'process';
}
