import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestRuns } from '../../../src/schedule/run-history.js';
import { drillFixture, processState, readResult, runDirOf, startCli, waitFor } from '../engine/run-cli.js';

/** A working directory holding a schedule file (drill paths in it are absolute). */
function scheduleDir(text: string): string {
  const cwd = mkdtempSync(join(tmpdir(), 'firedrill-schedule-e2e-'));
  writeFileSync(
    join(cwd, 'schedule.yaml'),
    `apiVersion: firedrill/v1\nkind: Schedule\ntimezone: Europe/Berlin\n${text}`,
  );
  return cwd;
}

/** A run directory as an earlier drill would have left it. */
function seedRun(cwd: string, scenario: string, startedAt: Date): void {
  const dir = join(cwd, 'reports', scenario, '20260101T000000Z-5eed5eed');
  mkdirSync(dir, { recursive: true });
  const result = {
    schema: 'firedrill.result/v1',
    scenario: { name: scenario },
    startedAt: startedAt.toISOString(),
    verdict: 'passed',
    reasons: [],
  };
  writeFileSync(join(dir, 'result.json'), JSON.stringify(result));
}

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function webhookServer(): Promise<{ url: string; bodies: Array<Record<string, unknown>> }> {
  const bodies: Array<Record<string, unknown>> = [];
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      bodies.push({ ...JSON.parse(text), authorization: req.headers.authorization });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/drills`, bodies };
}

describe('firedrill schedule --due', () => {
  it('runs only the drill whose tier fired since its last run, notifies the webhook of its failure, then has nothing due', async () => {
    const hook = await webhookServer();
    const cwd = scheduleDir(`tiers:
  weekly:
    scenarios: ['${drillFixture('kill-restart.yaml')}']
  monthly:
    scenarios: ['${drillFixture('kill-restart-tight.yaml')}']
notify:
  webhook:
    url: ${hook.url}
    headers: { Authorization: 'Bearer \${env.HOOK_TOKEN}' }
`);
    // The weekly drill already ran since Monday's fire time; the monthly one never ran.
    seedRun(cwd, 'process-kill-restart', new Date());

    process.env.HOOK_TOKEN = 't0ken'; // inherited by the CLI process
    const first = await startCli(['schedule', 'schedule.yaml', '--due'], cwd).exited;
    expect(first.code, first.stderr).toBe(1); // the tight drill fails its recover objective
    expect(readdirSync(join(cwd, 'reports/process-kill-restart'))).toEqual(['20260101T000000Z-5eed5eed']);
    const runDir = runDirOf(join(cwd, 'reports'), 'process-kill-restart-tight');
    const result = readResult(runDir);
    expect(result.verdict).toBe('failed');
    expect(first.stdout).toMatch(/monthly: running 1 drill \(due\)/);
    expect(first.stdout).toMatch(/monthly: webhook notified \(failed, HTTP 200\)/);

    expect(hook.bodies).toHaveLength(1);
    const body = hook.bodies[0]!;
    expect(body).toMatchObject({
      schema: 'firedrill.notification/v1',
      schedule: join(cwd, 'schedule.yaml'),
      tier: 'monthly',
      scenario: 'process-kill-restart-tight',
      verdict: 'failed',
      runId: result.runId,
      runDir,
      authorization: 'Bearer t0ken',
    });
    expect(body.reasons).toEqual(result.reasons);
    expect(body.objectives).toEqual([
      expect.objectContaining({ objective: 'recover', target: '<= 500ms', status: 'failed' }),
    ]);

    const second = await startCli(['schedule', 'schedule.yaml', '--due'], cwd).exited;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('nothing is due');
    expect(readdirSync(join(cwd, 'reports/process-kill-restart-tight'))).toHaveLength(1);
    expect(hook.bodies).toHaveLength(1);
  });
});

describe('firedrill schedule (daemon)', () => {
  it('SIGTERM while a scheduled pause is active resumes the process, writes the reports, and exits cleanly', async () => {
    const cwd = scheduleDir(`tiers:
  every-second:
    cron: '* * * * * *'
    scenarios: ['${drillFixture('pause-long.yaml')}']
`);
    const run = startCli(['schedule', 'schedule.yaml'], cwd);
    const runDir = await waitFor(
      'the run directory',
      () => runDirOf(run.outDir, 'process-pause-long'),
      30_000,
    );
    await waitFor('the pause fault', () =>
      readFileSync(join(runDir, 'events.ndjson'), 'utf8').includes('"fault.injected"'),
    );
    const stateRoot = join(cwd, '.firedrill/runs');
    const [runId] = readdirSync(stateRoot);
    const state = JSON.parse(readFileSync(join(stateRoot, runId!, 'state.json'), 'utf8'));
    const pid = state.resources.find((r: { kind: string }) => r.kind === 'process').pid as number;
    expect(processState(pid)).toBe('T');

    run.child.kill('SIGTERM');
    const { code, stdout, stderr } = await run.exited;
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/every-second: due again while its drills run; runs once more after them/);
    expect(stdout).toMatch(/stopping: interrupted by SIGTERM; not running waiting tiers every-second/);
    expect(stdout).toContain('schedule stopped');

    const result = readResult(runDir);
    expect(result.verdict).toBe('aborted');
    expect(result.reason).toBe('interrupted by SIGTERM during the faults phase');
    expect(result.reverts.some((r) => r.ok && r.faultId === 'pause-web')).toBe(true);
    // A stopped process cannot handle SIGTERM: this line proves it was resumed before the teardown.
    expect(readFileSync(join(runDir, 'nodes/web.log'), 'utf8')).toContain('SIGTERM received');
    expect(processState(pid)).toBeUndefined();
    expect(readdirSync(stateRoot)).toEqual([]);
    // One drill at a time, and none started after the signal.
    expect(readdirSync(join(cwd, 'reports/process-pause-long'))).toHaveLength(1);
    // The interrupted drill does not count as done: the calendar still owes it.
    expect((await latestRuns(join(cwd, 'reports'))).has('process-pause-long')).toBe(false);
    expect(existsSync(join(cwd, 'reports'))).toBe(true);
  });
});
