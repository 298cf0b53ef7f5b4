import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FaultNoEffectError, TargetError } from '../../common/errors.js';
import type { UndoStep } from '../../engine/undo.js';
import type { TargetNode } from '../../targets/target.js';
import type { FaultContext } from '../injector.js';
import { isContainer, runShell, shellOutput } from '../resource/node-shell.js';
import type { fileChangeSchema } from './drift-schema.js';
import type { z } from 'zod';

type FileChange = z.output<typeof fileChangeSchema>;

/** Exec passes the new content as one argument: config files fit well below Linux's 128 KiB per argument. */
const MAX_CONTENT = 100 * 1024;

/** Where a file change acts and keeps its backup, decided in `prepare`. */
export interface FilePlan {
  node: TargetNode;
  path: string;
  backup: string;
  existed: boolean;
}

/**
 * The undo of a file change, before anything changes: restore the backup (made just before the
 * change; without one nothing changed), or delete the file when the change created it.
 */
export async function prepareFileChange(
  node: TargetNode,
  change: FileChange,
  context: FaultContext,
  token: string,
): Promise<{ plan: FilePlan; undo: UndoStep[] }> {
  if (isContainer(node)) {
    const path = change.path;
    const existed = (await runShell(node, '[ -f "$1" ]', [path], { signal: context.signal })).exitCode === 0;
    const backup = `/tmp/firedrill-backup-${token}`;
    const command = existed
      ? ['sh', '-c', 'if [ -f "$2" ]; then cat "$2" > "$1" && rm -f "$2"; fi', 'firedrill-undo', path, backup]
      : ['rm', '-f', path];
    const description = existed ? `restore ${path} in ${node.name}` : `delete ${path} in ${node.name}`;
    return {
      plan: { node, path, backup, existed },
      undo: [{ action: 'exec', ref: node.ref(), command, description }],
    };
  }
  const path = resolve(context.baseDir, change.path);
  const existed = existsSync(path);
  const backup = join(tmpdir(), 'firedrill-backups', `${context.runId}-${token}`);
  const undo: UndoStep = existed
    ? { action: 'file.restore', path, backup, description: `restore ${path}` }
    : { action: 'file.remove', path, description: `delete ${path}` };
  return { plan: { node, path, backup, existed }, undo: [undo] };
}

/** Backs the file up, writes the new content, and verifies it reads back; resolves with a phrase. */
export async function applyFileChange(
  plan: FilePlan,
  change: FileChange,
  context: FaultContext,
): Promise<string> {
  const files = isContainer(plan.node) ? containerFiles(plan, context) : hostFiles(plan);
  const old = plan.existed ? await files.read() : '';
  const { text, phrase } = newContent(old, change, plan.path);
  if (text === old) throw new FaultNoEffectError(`the change leaves ${plan.path} as it was`);
  if (Buffer.byteLength(text) > MAX_CONTENT)
    throw new TargetError(`drift: the new content of ${plan.path} is over ${MAX_CONTENT / 1024} KiB`, {
      hint: 'file changes are meant for configuration files; use an exec change for bigger ones',
    });
  if (plan.existed) await files.backup();
  await files.write(text);
  if ((await files.read()) !== text)
    throw new FaultNoEffectError(
      `${plan.path} in ${plan.node.name} does not hold the new content after writing it`,
    );
  return phrase;
}

/** `set` replaces the content; each `patch` must match at least once (else nothing would drift). */
export function newContent(old: string, change: FileChange, path: string): { text: string; phrase: string } {
  if (change.set !== undefined) return { text: change.set, phrase: `rewrote ${path}` };
  let text = old;
  let count = 0;
  for (const { find, replace } of change.patch ?? []) {
    const pattern = new RegExp(find, 'gm');
    const matches = text.match(pattern)?.length ?? 0;
    if (matches === 0) throw new FaultNoEffectError(`drift: /${find}/ matches nothing in ${path}`);
    count += matches;
    text = text.replace(pattern, replace);
  }
  return { text, phrase: `patched ${path} (${count} replacement${count === 1 ? '' : 's'})` };
}

interface Files {
  read(): Promise<string>;
  backup(): Promise<void>;
  write(text: string): Promise<void>;
}

function containerFiles(plan: FilePlan, context: FaultContext): Files {
  const options = { signal: context.signal };
  const shell = (what: string, script: string, args: string[]): Promise<string> =>
    shellOutput(plan.node, what, script, args, options);
  return {
    read: () => shell(`reading ${plan.path}`, 'cat "$1"', [plan.path]),
    backup: async () =>
      void (await shell(`backing up ${plan.path}`, 'cp -p "$1" "$2"', [plan.path, plan.backup])),
    write: async (text) =>
      void (await shell(`writing ${plan.path}`, 'printf "%s" "$2" > "$1"', [plan.path, text])),
  };
}

function hostFiles(plan: FilePlan): Files {
  return {
    read: async () => readFileSync(plan.path, 'utf8'),
    backup: async () => {
      mkdirSync(join(plan.backup, '..'), { recursive: true });
      copyFileSync(plan.path, plan.backup);
    },
    write: async (text) => writeFileSync(plan.path, text),
  };
}
