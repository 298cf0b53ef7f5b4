import { readFileSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { errorMessage } from '../common/errors.js';
import type { RunState } from './state-file.js';
import { currentUid, requireOwnPrivate, verifySeal } from './state-trust.js';

/** The shape cleanup relies on; kinds and actions it does not know are named when it meets them. */
const stateSchema = z.object({
  runId: z.string().min(1),
  scenario: z.string(),
  pid: z.int().positive(),
  startedAt: z.string(),
  host: z.string(),
  uid: z.int(),
  resources: z.array(z.looseObject({ kind: z.string(), description: z.string() })),
  pending: z.array(
    z.object({
      faultId: z.string(),
      steps: z.array(z.looseObject({ action: z.string(), description: z.string() })),
    }),
  ),
  mac: z.string(),
});

/** A run directory found under the state root: its state, or why it cannot be trusted or read. */
export type LeftoverState =
  | { dir: string; runId: string; state: RunState; problem?: undefined }
  | { dir: string; runId: string; problem: string; state?: undefined };

/**
 * Every run directory under `root`. A state file that is unreadable, malformed, not the user's own
 * or not sealed by this host is returned with its problem (and kept on disk), never as "empty".
 */
export function readLeftoverStates(root: string): LeftoverState[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    return [{ dir: root, runId: '?', problem: `cannot read the state directory: ${errorMessage(error)}` }];
  }
  return entries.sort().map((runId) => {
    const dir = join(root, runId);
    try {
      return { dir, runId, state: readTrusted(dir) };
    } catch (error) {
      return { dir, runId, problem: errorMessage(error) };
    }
  });
}

function readTrusted(dir: string): RunState {
  requireOwnPrivate(dir, 'directory');
  const file = join(dir, 'state.json');
  requireOwnPrivate(file, 'file');
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${errorMessage(error)}; ${text.length} bytes): kept for you to inspect`,
    );
  }
  const checked = stateSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(
      `${file} is not a firedrill state file: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
    );
  }
  const { mac, ...content } = parsed as { mac: string } & Record<string, unknown>;
  const state = checked.data;
  if (state.host !== hostname())
    throw new Error(`${file} was written on host ${state.host}, not here: not executed`);
  if (state.uid !== currentUid()) throw new Error(`${file} was written for uid ${state.uid}: not executed`);
  if (!verifySeal(content, mac))
    throw new Error(
      `${file} is not sealed by firedrill on this host (edited, copied or forged): not executed`,
    );
  return content as unknown as RunState;
}
