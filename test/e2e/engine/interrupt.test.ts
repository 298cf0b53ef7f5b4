import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownText } from '../../support/markdown-view.js';
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

/** Starts the long pause drill and waits until the pause is in effect; returns the paused pid. */
async function startPausedDrill(): Promise<{ run: CliRun; pid: number; runDir: string }> {
  const run = startCli(['run', drillFixture('pause-long.yaml'), '--out', 'reports']);
  const runDir = await waitFor('the run directory', () => runDirOf(run.outDir, 'process-pause-long'), 30_000);
  await waitFor('the pause fault', () =>
    readFileSync(join(runDir, 'events.ndjson'), 'utf8').includes('"fault.injected"'),
  );
  const stateRoot = join(run.cwd, '.firedrill/runs');
  const [runId] = readdirSync(stateRoot);
  const state = JSON.parse(readFileSync(join(stateRoot, runId as string, 'state.json'), 'utf8'));
  const pid = state.resources.find((r: { kind: string }) => r.kind === 'process').pid as number;
  expect(processState(pid)).toBe('T');
  return { run, pid, runDir };
}

describe('interrupting a drill while a pause fault is active', () => {
  it('SIGINT reverts the pause, stops the node, and still writes result.json with verdict aborted', async () => {
    const { run, pid, runDir } = await startPausedDrill();
    run.child.kill('SIGINT');
    const { code, stdout } = await run.exited;
    expect(code).toBe(3);
    const result = readResult(runDir);
    expect(result.verdict).toBe('aborted');
    expect(result.reason).toContain('SIGINT');
    // Recovery was not decided when the signal came: not measured, never "> 90s" nor "0ms".
    expect(result.interruptedAt).toBeGreaterThan(result.timeline.t0 as number);
    expect(result.measurements?.recover).toMatchObject({ status: 'not-measured' });
    expect(result.objectives.find((r) => r.objective === 'recover')).toMatchObject({
      status: 'not-measured',
      measured: null,
      display: { measured: expect.stringMatching(/^not measured \(aborted at \+[\d.]+m?s\)$/) },
    });
    expect(stdout).toMatch(/recover\s+<= 1m30s\s+not measured \(aborted at \+[\d.]+m?s\)\s+N\/M/);
    const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="recover" classname="[^"]+" time="0\.000">/);
    // Read as GitHub renders it: summary.md escapes Markdown punctuation.
    expect(markdownText(readFileSync(join(runDir, 'summary.md'), 'utf8'))).toMatch(
      /not measured \(aborted at \+/,
    );
    expect(result.reverts.some((r) => r.ok && r.faultId === 'pause-web')).toBe(true);
    // A stopped process cannot handle SIGTERM: this line proves it was resumed before the teardown.
    expect(readFileSync(join(runDir, 'nodes/web.log'), 'utf8')).toContain('SIGTERM received');
    expect(processState(pid)).toBeUndefined();
    expect(existsSync(join(run.cwd, '.firedrill/runs'))).toBe(true);
    expect(readdirSync(join(run.cwd, '.firedrill/runs'))).toEqual([]);
  });

  it('after SIGKILL the node stays paused, and `firedrill cleanup` resumes it and removes it', async () => {
    const { run, pid } = await startPausedDrill();
    run.child.kill('SIGKILL');
    await run.exited;
    expect(processState(pid)).toBe('T');

    const cleanup = spawnSync(process.execPath, [join(repoRoot, 'bin/firedrill.js'), 'cleanup'], {
      cwd: run.cwd,
      encoding: 'utf8',
    });
    expect(cleanup.status, cleanup.stderr).toBe(0);
    const lines = cleanup.stdout.split('\n');
    const resumed = lines.findIndex((l) => /reverted pause-web: web \(pid \d+\): SIGCONT signalled/.test(l));
    const ended = lines.findIndex((l) => l.includes(`pid ${pid}`) && /terminated|killed/.test(l));
    expect(resumed, cleanup.stdout).toBeGreaterThanOrEqual(0);
    expect(ended, cleanup.stdout).toBeGreaterThan(resumed);
    // Orphaned by the killed firedrill, its exit may linger as a zombie until init reaps it.
    expect([undefined, 'Z']).toContain(processState(pid));
    expect(readdirSync(join(run.cwd, '.firedrill/runs'))).toEqual([]);
  });
});
