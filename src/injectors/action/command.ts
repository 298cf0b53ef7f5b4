import { FaultNoEffectError } from '../../common/errors.js';
import type { UndoStep } from '../../engine/undo.js';
import { ProcessNode } from '../../targets/process/process-node.js';
import { runCommand } from '../../targets/process/run-command.js';
import type { ExecResult, TargetNode } from '../../targets/target.js';
import { commandSaid } from '../../common/exec-error.js';
import type { Command } from './command-schema.js';

export function argvOf(command: Command): string[] {
  return typeof command === 'string' ? ['sh', '-c', command] : [...command];
}

/** "redis-cli CONFIG SET appendonly no", quoted as typed. */
export function commandText(command: Command): string {
  return typeof command === 'string' ? command : command.join(' ');
}

/** Where a command runs: in a node (a container exec, or the host in a process node's cwd and env), or on the host. */
export interface CommandSite {
  node?: TargetNode;
  /** The scenario's directory: where a command without a node runs. */
  baseDir: string;
}

export function runAt(
  site: CommandSite,
  command: Command,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<ExecResult> {
  const argv = argvOf(command);
  return site.node ? site.node.exec(argv, options) : runCommand(argv, { cwd: site.baseDir, ...options });
}

/** Runs the command and requires its exit code; resolves with a phrase for the summary. */
export async function runExpecting(
  site: CommandSite,
  command: Command,
  expected: { exitCode: number; timeoutMs: number; signal: AbortSignal },
): Promise<{ phrase: string; result: ExecResult }> {
  const result = await runAt(site, command, expected);
  const where = site.node ? `in ${site.node.name}` : 'on the host';
  if (result.exitCode !== expected.exitCode) {
    const said = commandSaid(result);
    throw new FaultNoEffectError(
      `\`${commandText(command)}\` ${where} exited ${result.exitCode}, expected ${expected.exitCode}${said ? `: ${said}` : ''}`,
    );
  }
  return { phrase: `ran \`${commandText(command)}\` ${where} (exit ${result.exitCode})`, result };
}

/**
 * The undo step running `revert` where the command ran. A process node's revert and a host revert
 * run on the host (also from `firedrill cleanup`), with the node's directory and variables.
 */
export function revertStep(site: CommandSite, revert: Command, description: string): UndoStep {
  const command = argvOf(revert);
  const { node } = site;
  if (!node) return { action: 'host.exec', command, cwd: site.baseDir, description };
  if (node instanceof ProcessNode) {
    return { action: 'host.exec', command, cwd: node.cwd, env: { ...node.env }, description };
  }
  return { action: 'exec', ref: node.ref(), command, description };
}
