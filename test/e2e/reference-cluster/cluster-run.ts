// Helpers for drills against the reference cluster (examples/reference-cluster) through the CLI.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillResult } from '../../../src/engine/result.js';
import { readResult, repoRoot, runDirOf, startCli } from '../engine/run-cli.js';

export const scenario = (path: string): string => join(repoRoot, 'scenarios', path);

export interface ClusterRun {
  code: number | null;
  stdout: string;
  stderr: string;
  runDir: string;
  result: DrillResult;
  /** Wall time (ms since the epoch) of the run clock's t0 (the first fault verified in place). */
  t0Wall: number;
  /**
   * Wall time the first fault's injection began. A system may react between it and t0 (before
   * firedrill has read the effect back): such a detection counts as TTD 0.
   */
  injectedWall: number;
}

/** Runs one drill through the built CLI and reads its result (the nodes' data lives in the run directory). */
export async function runClusterDrill(file: string, name: string): Promise<ClusterRun> {
  const run = startCli(['run', scenario(file), '--out', 'reports']);
  const { code, stdout, stderr } = await run.exited;
  const runDir = runDirOf(run.outDir, name);
  const result = readResult(runDir);
  const t0 = result.timeline.t0;
  if (t0 === undefined) {
    throw new Error(`no fault took effect (${result.verdict}: ${result.reason}):\n${stdout}\n${stderr}`);
  }
  const origin = Date.parse(result.clockOrigin);
  const injected = result.timeline.faults[0]?.startedAt ?? t0;
  return { code, stdout, stderr, runDir, result, t0Wall: origin + t0, injectedWall: origin + injected };
}

/** Lines of a node's output log with their wall times. */
export function nodeLog(runDir: string, node: string): Array<{ at: number; text: string }> {
  return readFileSync(join(runDir, 'nodes', `${node}.log`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [time, , ...rest] = line.split(' ');
      return { at: Date.parse(time!), text: rest.join(' ') };
    });
}

/** The first line after `since` matching `pattern` in any of the nodes' logs. */
export function firstLine(runDir: string, nodes: string[], pattern: RegExp, since: number) {
  const hits = nodes
    .flatMap((node) => nodeLog(runDir, node).map((line) => ({ ...line, node })))
    .filter((line) => line.at >= since && pattern.test(line.text))
    .sort((a, b) => a.at - b.at);
  if (!hits[0]) throw new Error(`no line matching ${pattern} in ${nodes.join(', ')} after the fault`);
  return hits[0];
}

/** Every pid firedrill started for the nodes (from "started pid N" lines). */
export function nodePids(runDir: string, nodes: string[]): number[] {
  return nodes.flatMap((node) =>
    nodeLog(runDir, node).flatMap((line) => {
      const match = /--- firedrill: started pid (\d+)/.exec(line.text);
      return match ? [Number(match[1])] : [];
    }),
  );
}

export function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
}
