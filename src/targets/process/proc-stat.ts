import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** What firedrill needs from `/proc/<pid>/stat` (see proc(5)). */
export interface ProcStat {
  pid: number;
  /** R running, S sleeping, D disk wait, Z zombie, T stopped (SIGSTOP), t traced... */
  state: string;
  /** Process group id: a node spawned by the supervisor leads its own group (pgrp === pid). */
  pgrp: number;
  /** Field 22, clock ticks since boot: with the pid, it identifies one process across pid reuse. */
  startTime: string;
}

/**
 * Parses the text of `/proc/<pid>/stat`. The command name (field 2) sits in parentheses and may
 * itself contain spaces and parentheses, so fields are counted from the last `)`.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  // After ") " come fields 3, 4, 5, ...: field N is at index N - 3.
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const state = rest[0];
  const pgrp = Number(rest[2]);
  const startTime = rest[19];
  if (!Number.isInteger(pid) || !state || !Number.isInteger(pgrp) || !startTime) return undefined;
  return { pid, state, pgrp, startTime };
}

/** The process's stat, or undefined when no such process exists (any more). */
export async function readProcStat(pid: number): Promise<ProcStat | undefined> {
  try {
    return parseProcStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/**
 * Synchronous on purpose: called right after spawn, before the event loop can reap a child that
 * exited at once, so the pid still names our process when it is read.
 */
export function readProcStatSync(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ESRCH';
}

/** A process that has exited but not been reaped yet is gone for every purpose of ours. */
export function isAlive(stat: ProcStat | undefined): stat is ProcStat {
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}
