import { describe, expect, it } from 'vitest';
import { runFiredrill } from '../support/cli.js';
import { describeWithDocker } from '../support/docker.js';
import { toolMissing } from '../support/tools.js';

describe('firedrill doctor without a Docker engine', () => {
  it('exits 1, marks the engine missing and names the fix', async () => {
    const { exitCode, stdout } = await runFiredrill(['doctor'], {
      env: { DOCKER_HOST: 'unix:///nonexistent.sock' },
    });
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/^Docker engine\s+missing\s+not reachable at unix:\/\/\/nonexistent\.sock/m);
    expect(stdout).toMatch(/^\s+fix: point DOCKER_HOST at a running engine or unset it .*setup-env\.sh/m);
    // Without an engine Toxiproxy's image cannot be seen: only a toxiproxy-server binary keeps that row
    // from blocking too, and this machine may have none (a fresh clone before setup-env.sh).
    const blockers = toolMissing('toxiproxy-server') ? 'Docker engine, Toxiproxy are' : 'Docker engine is';
    expect(stdout).toContain(`Not ready: container drills cannot run until ${blockers} fixed`);
    expect(stdout).toMatch(
      toolMissing('toxiproxy-server')
        ? /^Toxiproxy\s+missing\s+image: cannot tell \(Docker unreachable\), no toxiproxy-server binary/m
        : /^Toxiproxy\s+(ok|warn)\s+binary \S+toxiproxy-server/m,
    );
  });
});

describeWithDocker('firedrill doctor on a machine set up by scripts/setup-env.sh', () => {
  it('exits 0 with Node.js, the engine and Toxiproxy ok', async () => {
    const { exitCode, stdout } = await runFiredrill(['doctor', '--json']);
    const report = JSON.parse(stdout) as { ready: boolean; rows: Array<{ name: string; status: string }> };
    const status = Object.fromEntries(report.rows.map((row) => [row.name, row.status]));
    expect(status).toMatchObject({
      'Node.js': 'ok',
      'Docker engine': 'ok',
      Toxiproxy: 'ok',
      'nettools image': 'ok',
    });
    expect(report.ready).toBe(true);
    expect(exitCode).toBe(0);
  });
});

describe('firedrill --help', () => {
  it('lists doctor, and doctor --help describes its rows and exit codes', async () => {
    const top = await runFiredrill(['--help']);
    expect(top.exitCode).toBe(0);
    expect(top.stdout).toMatch(/^\s+doctor(\s+\[options\])?\s+check that this machine can run drills/m);
    const doctor = await runFiredrill(['doctor', '--help']);
    expect(doctor.exitCode).toBe(0);
    expect(doctor.stdout).toContain('--toxiproxy-url <url>');
    expect(doctor.stdout).toContain('Exits 0 when container drills can run');
  });
});
