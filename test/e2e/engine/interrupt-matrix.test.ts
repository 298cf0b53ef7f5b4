import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  drillFixture,
  processState,
  readResult,
  repoRoot,
  runDirOf,
  startCli,
  waitFor,
  type CliRun,
} from './run-cli.js';

/**
 * The interruption matrix of a process drill (no Docker): SIGINT and SIGTERM in every phase, a
 * second signal, SIGKILL then `firedrill cleanup`. Each case checks the exit code, the reports, and
 * that nothing of the run is left: no process of its nodes (nor their children), no pending undo.
 */
const DRILL = drillFixture('interrupt-phases.yaml');
const SCENARIO = 'process-interrupt-phases';

/** What shows in events.ndjson once the run is in each phase (see the fixture's timings). */
const PHASES: Array<{ phase: string; reached: (events: string) => boolean }> = [
  { phase: 'target', reached: (e) => e.includes('"phase":"target"') && !e.includes('"target.up"') },
  { phase: 'baseline', reached: (e) => e.includes('"phase":"baseline"') },
  { phase: 'faults', reached: (e) => e.includes('"fault.injected"') },
  { phase: 'recovery', reached: (e) => e.includes('"fault.reverted"') && !e.includes('"recovered"') },
  { phase: 'teardown', reached: (e) => e.includes('"phase":"teardown"') },
];

const stateRoot = (run: CliRun): string => join(run.cwd, '.firedrill/runs');

/** Starts the drill and waits for a phase; returns the node pids (process group leaders) by then. */
async function runUntil(reached: (events: string) => boolean, extra: string[] = []) {
  const run = startCli(['run', DRILL, ...extra, '--out', 'reports', '--reporter', 'json', 'markdown']);
  const runDir = await waitFor('the run directory', () => runDirOf(run.outDir, SCENARIO), 30_000);
  const events = (): string => readFileSync(join(runDir, 'events.ndjson'), 'utf8');
  const pids = new Set<number>();
  await waitFor(
    'the phase',
    () => {
      for (const pid of nodePids(run)) pids.add(pid);
      return reached(events()) && pids.size > 0;
    },
    60_000,
  );
  return { run, runDir, pids };
}

function nodePids(run: CliRun): number[] {
  if (!existsSync(stateRoot(run))) return [];
  return readdirSync(stateRoot(run)).flatMap((runId) => {
    try {
      const state = JSON.parse(readFileSync(join(stateRoot(run), runId, 'state.json'), 'utf8'));
      return (state.resources as Array<{ kind: string; pid?: number }>).flatMap((r) =>
        r.kind === 'process' && r.pid ? [r.pid] : [],
      );
    } catch {
      return []; // being replaced right now
    }
  });
}

/** Live (not zombie) processes whose process group is one of the nodes'. */
function leftInGroups(groups: ReadonlySet<number>): string[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return groups.has(Number(pgrp)) && state !== 'Z' ? [`${entry} (${stat.slice(0, 60)})`] : [];
    } catch {
      return [];
    }
  });
}

function expectNothingLeft(run: CliRun, pids: ReadonlySet<number>): void {
  expect(leftInGroups(pids)).toEqual([]);
  for (const pid of pids) expect([undefined, 'Z']).toContain(processState(pid));
  expect(readdirSync(stateRoot(run))).toEqual([]);
}

async function interruptIn(phase: (typeof PHASES)[number], signal: 'SIGINT' | 'SIGTERM') {
  const { run, runDir, pids } = await runUntil(phase.reached);
  run.child.kill(signal);
  const { code, stdout, stderr } = await run.exited;
  expect(code, stdout + stderr).toBe(3);
  const result = readResult(runDir);
  expect(result.verdict).toBe('aborted');
  expect(result.reason).toBe(`interrupted by ${signal} during the ${phase.phase} phase`);
  expect(readFileSync(join(runDir, 'summary.md'), 'utf8')).toContain('ABORTED');
  expect(result.events.some((e) => e.type === 'run.interrupted')).toBe(true);
  expectNothingLeft(run, pids);
}

const signals = ['SIGINT', 'SIGTERM'] as const;
const both = (phases: typeof PHASES) =>
  phases.flatMap((phase) => signals.map((signal) => interruptIn(phase, signal)));

// Cases run side by side in three waves, to keep the matrix near a minute.
describe('interrupting a process drill in every phase', () => {
  it('SIGINT and SIGTERM during target, baseline, faults: exit 3, aborted naming the phase, nothing left', async () => {
    await Promise.all(both(PHASES.slice(0, 3)));
  });

  it('SIGINT and SIGTERM during recovery and teardown; a signal between drills names those not run', async () => {
    await Promise.all([...both(PHASES.slice(3)), signalBeforeSecondDrill()]);
  });

  it('a second signal exits 3 after reverting; SIGKILL (faults, teardown) then cleanup leaves nothing', async () => {
    await Promise.all([secondSignal(), ...[PHASES[2]!, PHASES[4]!].map((phase) => killThenCleanup(phase))]);
  });
});

async function secondSignal(): Promise<void> {
  const { run, pids } = await runUntil(PHASES[2]!.reached);
  run.child.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 50));
  run.child.kill('SIGTERM');
  const { code, stderr } = await run.exited;
  expect(code, stderr).toBe(3);
  expect(stderr).toContain('second SIGTERM');
  expect(leftInGroups(pids)).toEqual([]);
}

/** `firedrill cleanup` runs one at a time: each also sweeps the engine's labelled leftovers. */
let cleanups = Promise.resolve();

async function killThenCleanup(phase: (typeof PHASES)[number]): Promise<void> {
  const { run, pids } = await runUntil(phase.reached);
  run.child.kill('SIGKILL');
  await run.exited;
  expect(readdirSync(stateRoot(run))).toHaveLength(1);
  const turn = cleanups.then(() =>
    spawnSync(process.execPath, [join(repoRoot, 'bin/firedrill.js'), 'cleanup'], {
      cwd: run.cwd,
      encoding: 'utf8',
    }),
  );
  cleanups = turn.then(() => undefined);
  const cleanup = await turn;
  expect(cleanup.status, cleanup.stdout + cleanup.stderr).toBe(0);
  expectNothingLeft(run, pids);
}

async function signalBeforeSecondDrill(): Promise<void> {
  const { run, pids } = await runUntil(PHASES[1]!.reached, [drillFixture('kill-restart.yaml')]);
  run.child.kill('SIGINT');
  const { code, stderr } = await run.exited;
  expect(code, stderr).toBe(3);
  expect(stderr).toContain('firedrill: interrupted: not run: process-kill-restart');
  expect(existsSync(join(run.outDir, 'process-kill-restart'))).toBe(false);
  expectNothingLeft(run, pids);
}
