import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillFixture, processState, readResult, repoRoot, runDirOf, startCli } from './run-cli.js';

describe('firedrill run --keep on a process target', () => {
  it('leaves the node running, writing its output to its log, until `firedrill cleanup` ends it', async () => {
    const run = startCli(['run', drillFixture('kill-restart.yaml'), '--out', 'reports', '--keep']);
    const { code, stdout, stderr } = await run.exited;
    expect(code, stdout + stderr).toBe(0);
    const runDir = runDirOf(run.outDir, 'process-kill-restart');
    const up = readResult(runDir).events.find((e) => e.type === 'target.up') as unknown as {
      values: Record<string, string>;
    };
    const base = `http://127.0.0.1:${up.values['nodes.web.port.http']}`;
    const pid = Number(await (await fetch(`${base}/pid`)).text());

    // firedrill is gone: the node's next write must not break it (EPIPE on a dead pipe).
    expect(await (await fetch(`${base}/say?line=written-after-firedrill-exited`)).text()).toBe('said\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(processState(pid)).toMatch(/^[RS]$/);
    expect(readFileSync(join(runDir, 'nodes/web.log'), 'utf8')).toContain('written-after-firedrill-exited');

    const cleanup = spawnSync(process.execPath, [join(repoRoot, 'bin/firedrill.js'), 'cleanup'], {
      cwd: run.cwd,
      encoding: 'utf8',
    });
    expect(cleanup.status, cleanup.stderr).toBe(0);
    expect(cleanup.stdout).toMatch(new RegExp(`node web: .*\\(pid ${pid}\\): terminated`));
    // Orphaned by the exited firedrill, its exit may linger as a zombie until init reaps it.
    expect([undefined, 'Z']).toContain(processState(pid));
    expect(readdirSync(join(run.cwd, '.firedrill/runs'))).toEqual([]);
  });
});
